/**
 * A model the user brings to the Import dialog, as the worker's import takes it: model.json and
 * its weight files, from a file picker or drop (here) or from a URL (import-url.ts).
 */
import { formatBytes, ModelFileError } from '../engine/model-io/errors';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits } from '../engine/model-io/limits';

/** model.json and its weight files, named as they were picked or as the manifest names them. */
export interface PickedModel {
  name: string;
  modelJson: string | ArrayBuffer;
  weights: { name: string; bytes: ArrayBuffer }[];
}

/**
 * model.json and its weight files among dropped or picked files. Their sizes are checked
 * before any is read: a 200 MB file picked by mistake is refused without being loaded.
 */
export async function fromFiles(files: File[], limits: ImportLimits = DEFAULT_IMPORT_LIMITS): Promise<PickedModel> {
  const jsons = files.filter((f) => f.name.toLowerCase().endsWith('.json'));
  if (jsons.length !== 1)
    throw new Error(
      jsons.length
        ? 'Pick one model.json at a time (with its weight files).'
        : 'Pick the model.json together with its weight files (.bin).',
    );
  const json = jsons[0]!;
  const limit = formatBytes(limits.maxBytes);
  if (json.size > limits.maxBytes)
    throw new ModelFileError('too-large', `${json.name} is ${formatBytes(json.size)}, over the limit of ${limit}`);
  const others = files.filter((f) => f !== json);
  const total = others.reduce((n, f) => n + f.size, 0);
  if (total > limits.maxBytes)
    throw new ModelFileError(
      'over-limit',
      `The weight files take ${formatBytes(total)}, over the limit of ${limit} ` +
        `(${others
          .slice(0, 4)
          .map((f) => `${f.name}: ${formatBytes(f.size)}`)
          .join(', ')}${others.length > 4 ? ', …' : ''})`,
    );
  const weights = await Promise.all(others.map(async (f) => ({ name: f.name, bytes: await f.arrayBuffer() })));
  return { name: json.name.replace(/\.json$/i, ''), modelJson: await json.arrayBuffer(), weights };
}
