/**
 * The weights manifest checked from its declarations alone, before any weight file is read:
 * what it declares decides how many bytes the files must hold and whether the model is within
 * the limits.
 */
import type * as tf from '@tensorflow/tfjs';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits } from './limits';
import { formatBytes, ModelFileError, plural, reservedName } from './errors';
import { describeJsonValue, isRecord, isReservedKey } from './json';
import { weightFileName } from './paths';

/** Bytes per element as stored in weight files (quantized weights use their storage type). */
const STORED_DTYPE_BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1 };
const QUANTIZED_BYTES: Record<string, number> = { uint8: 1, uint16: 2, float16: 2 };

export interface CheckedManifest {
  /** Each group's weight files (as names: "./x.bin" is "x.bin") and the bytes they hold together. */
  groups: { paths: string[]; bytes: number }[];
  /** Every weight file, as a name beside model.json, in manifest order. */
  paths: string[];
  weightSpecs: tf.io.WeightsManifestEntry[];
  /** Elements of all weights declared. */
  params: number;
  /** Bytes the weight files must hold in total. */
  bytes: number;
}

/**
 * The weights manifest checked from its declarations alone: well-formed groups, unique paths
 * naming files beside model.json (no more of them than the limit), unique weight names that no
 * JavaScript object already has (tfjs keys a plain object by weight name: a weight called
 * "__proto__" would replace that object's prototype), supported dtypes, whole non-negative
 * dimensions, and totals within the limits. Nothing is allocated or fetched, so a manifest
 * declaring a billion weights or a thousand files costs nothing to reject.
 */
export function checkManifest(manifest: unknown, limits: ImportLimits = DEFAULT_IMPORT_LIMITS): CheckedManifest {
  if (!Array.isArray(manifest))
    throw new ModelFileError(
      'bad-manifest',
      `weightsManifest should be a list of weight groups, but it is ${describeJsonValue(manifest)}`,
    );
  const groups: CheckedManifest['groups'] = [];
  const paths: string[] = [];
  const weightSpecs: tf.io.WeightsManifestEntry[] = [];
  const names = new Set<string>();
  let params = 0;
  let bytes = 0;
  manifest.forEach((group: unknown, g) => {
    const where = `weightsManifest group ${g + 1}`;
    if (!isRecord(group) || !Array.isArray(group['paths']) || !Array.isArray(group['weights']))
      throw new ModelFileError('bad-manifest', `${where} should have a list of paths and a list of weights`);
    const groupPaths: string[] = [];
    for (const p of group['paths'] as unknown[]) {
      if (typeof p !== 'string' || p === '')
        throw new ModelFileError(
          'bad-manifest',
          `${where} lists a weight file path that is not a name: ${String(JSON.stringify(p)).slice(0, 40)}`,
        );
      const name = weightFileName(p);
      if (paths.includes(name))
        throw new ModelFileError('bad-manifest', `The weights manifest lists the file ${name} twice`);
      paths.push(name);
      groupPaths.push(name);
      if (paths.length > limits.maxWeightFiles)
        throw new ModelFileError(
          'over-limit',
          `The weights manifest lists more than ${plural(limits.maxWeightFiles, 'weight file')}: KD Studio reads ` +
            `up to ${limits.maxWeightFiles} (convert the model again with larger shards, ` +
            'tensorflowjs_converter --weight_shard_size_bytes)',
        );
    }
    let groupBytes = 0;
    for (const [i, w] of (group['weights'] as unknown[]).entries()) {
      if (!isRecord(w) || typeof w['name'] !== 'string')
        throw new ModelFileError('bad-manifest', `Weight ${i + 1} of ${where} has no name`);
      const name = w['name'];
      if (isReservedKey(name)) throw reservedName('weight', name);
      if (names.has(name))
        throw new ModelFileError('bad-manifest', `The weights manifest lists the weight ${name} twice`);
      names.add(name);
      const dtype = w['dtype'];
      if (typeof dtype !== 'string' || !Object.hasOwn(STORED_DTYPE_BYTES, dtype))
        throw new ModelFileError(
          'unsupported-dtype',
          `Weight ${name} has dtype ${JSON.stringify(dtype)}, which KD Studio cannot load ` +
            `(supported: ${Object.keys(STORED_DTYPE_BYTES).join(', ')})`,
        );
      let elementBytes = STORED_DTYPE_BYTES[dtype]!;
      const q = w['quantization'];
      if (q !== undefined) {
        const qType = isRecord(q) ? q['dtype'] : undefined;
        if (typeof qType !== 'string' || !Object.hasOwn(QUANTIZED_BYTES, qType))
          throw new ModelFileError(
            'unsupported-dtype',
            `Weight ${name} is quantized as ${JSON.stringify(qType)}, which TensorFlow.js cannot decode ` +
              `(supported: ${Object.keys(QUANTIZED_BYTES).join(', ')})`,
          );
        elementBytes = QUANTIZED_BYTES[qType]!;
      }
      const shape = w['shape'];
      if (!Array.isArray(shape))
        throw new ModelFileError('bad-shape', `Weight ${name} has no shape (a list of dimensions)`);
      const bad = shape.find((d: unknown) => typeof d !== 'number' || !Number.isSafeInteger(d) || d < 0);
      if (bad !== undefined)
        throw new ModelFileError(
          'bad-shape',
          `Weight ${name} has the shape [${shape.map((d: unknown) => JSON.stringify(d) ?? String(d)).join(', ')}]: ` +
            `every dimension must be a whole number ≥ 0, and ${JSON.stringify(bad ?? null)} is not`,
        );
      // May overflow to a huge float or Infinity for absurd shapes: still compares correctly.
      const elements = (shape as number[]).reduce((a, b) => a * b, 1);
      params += elements;
      groupBytes += elements * elementBytes;
      weightSpecs.push(w as unknown as tf.io.WeightsManifestEntry);
    }
    if (groupPaths.length === 0 && groupBytes > 0)
      throw new ModelFileError('bad-manifest', `${where} declares weights but lists no file to read them from`);
    groups.push({ paths: groupPaths, bytes: groupBytes });
    bytes += groupBytes;
  });
  if (params > limits.maxParams)
    throw new ModelFileError(
      'over-limit',
      `The model declares ${plural(params, 'weight')} (parameters), over the limit of ` +
        `${limits.maxParams.toLocaleString('en-US')}`,
    );
  if (bytes > limits.maxBytes)
    throw new ModelFileError(
      'over-limit',
      `The model’s weights take ${formatBytes(bytes)}, over the limit of ${formatBytes(limits.maxBytes)}`,
    );
  return { groups, paths, weightSpecs, params, bytes };
}
