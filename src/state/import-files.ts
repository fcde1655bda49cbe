/**
 * A model the user brings to the Import dialog, as the worker's import takes it: model.json and
 * its weight files, from a file picker or drop (here) or from a URL (import-url.ts).
 */

/** model.json and its weight files, named as they were picked or as the manifest names them. */
export interface PickedModel {
  name: string;
  modelJson: string | ArrayBuffer;
  weights: { name: string; bytes: ArrayBuffer }[];
}

/** model.json and its weight files among dropped or picked files. */
export async function fromFiles(files: File[]): Promise<PickedModel> {
  const jsons = files.filter((f) => f.name.toLowerCase().endsWith('.json'));
  if (jsons.length !== 1)
    throw new Error(
      jsons.length
        ? 'Pick one model.json at a time (with its weight files).'
        : 'Pick the model.json together with its weight files (.bin).',
    );
  const json = jsons[0]!;
  const weights = await Promise.all(
    files.filter((f) => f !== json).map(async (f) => ({ name: f.name, bytes: await f.arrayBuffer() })),
  );
  return { name: json.name.replace(/\.json$/i, ''), modelJson: await json.arrayBuffer(), weights };
}
