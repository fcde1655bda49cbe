/**
 * The window MLP's files (models/sequence.ts `createWindowMlp`), in the style of the
 * transformer's (models/transformer.ts `saveTransformer`): a model.json saying
 * "format": "kd-studio-window-mlp" with the spec, the vocabulary size, the context and the
 * pad id, and a tfjs weights manifest; the weights float32, little-endian, in the model's
 * variable order (embed, then each dense layer's w and b).
 *
 * Neither tf.loadLayersModel nor the studio's Import reads it (as a layers model it would
 * compute something else: config/export.ts WINDOW_MLP_EXPORT_REASON). The exported PyTorch
 * project reads it (kd/models.py WindowMLP), and `loadWindowMlp` reads what that project saves.
 */
import * as tf from '@tensorflow/tfjs';
import { WindowMlpSpec } from '../../config/models';
import { createRng } from '../../lib/rng';
import { createWindowMlp, PAD_ID, windowMlpSizes, type SequenceModel } from '../models/sequence';
import type { Model } from '../models/types';

export const WINDOW_MLP_FORMAT = 'kd-studio-window-mlp';
export const WINDOW_MLP_FORMAT_VERSION = 1;

interface WeightSpec {
  name: string;
  shape: number[];
  dtype: 'float32';
}

export interface WindowMlpJson {
  format: typeof WINDOW_MLP_FORMAT;
  formatVersion: typeof WINDOW_MLP_FORMAT_VERSION;
  spec: WindowMlpSpec;
  /** Vocabulary size: the embedding's rows and the logits' width. */
  vocab: number;
  /** Longest window of tokens the studio feeds it (its task's context). */
  context: number;
  /** The token whose embedding left-pads each position's window. */
  padId: typeof PAD_ID;
  weightsManifest: [{ paths: [string]; weights: WeightSpec[] }];
}

/** Every weight of a window MLP, named and shaped, in the model's variable order. */
export function windowMlpShapes(spec: WindowMlpSpec, vocab: number): [name: string, shape: number[]][] {
  const sizes = windowMlpSizes(spec, vocab);
  const shapes: [string, number[]][] = [['embed', [vocab, spec.embed]]];
  sizes.slice(1).forEach((out, i) => shapes.push([`dense${i + 1}/w`, [sizes[i]!, out]], [`dense${i + 1}/b`, [out]]));
  return shapes;
}

const same = (a: readonly number[], b: readonly number[]) => a.join(',') === b.join(',');

/** model.json and the weight bytes of a window MLP built for `spec`, `vocab` and `context`. */
export async function saveWindowMlp(
  model: Model,
  spec: WindowMlpSpec,
  vocab: number,
  context: number,
  weightsFile = 'weights.bin',
): Promise<{ json: WindowMlpJson; weights: ArrayBuffer }> {
  const shapes = windowMlpShapes(spec, vocab);
  if (model.variables.length !== shapes.length)
    throw new Error(
      `This window MLP has ${model.variables.length} weight tensors, but its spec describes ${shapes.length}: ` +
        'the spec does not belong to this model',
    );
  shapes.forEach(([n, shape], i) => {
    const v = model.variables[i]!;
    if (!same(v.shape, shape))
      throw new Error(
        `The window MLP's weight ${v.name} has shape ${v.shape.join('×')}, but the spec gives ${n} the shape ` +
          `${shape.join('×')}: the spec does not belong to this model`,
      );
  });
  const { data, specs } = await tf.io.encodeWeights(
    model.variables.map((v, i) => ({ name: shapes[i]![0], tensor: v })),
  );
  return {
    json: {
      format: WINDOW_MLP_FORMAT,
      formatVersion: WINDOW_MLP_FORMAT_VERSION,
      spec: { ...spec, hidden: [...spec.hidden] },
      vocab,
      context,
      padId: PAD_ID,
      weightsManifest: [
        { paths: [weightsFile], weights: specs.map((s) => ({ name: s.name, shape: [...s.shape], dtype: 'float32' })) },
      ],
    },
    weights: Array.isArray(data) ? tf.io.concatenateArrayBuffers(data) : data,
  };
}

/** Rebuilds a window MLP from `saveWindowMlp`'s files. Throws a readable error on any mismatch. */
export function loadWindowMlp(json: unknown, weights: ArrayBuffer, name = 'window-mlp'): SequenceModel {
  if (typeof json !== 'object' || json === null) throw new Error('model.json: expected an object');
  const j = json as Partial<Record<keyof WindowMlpJson, unknown>>;
  if (j.format !== WINDOW_MLP_FORMAT)
    throw new Error(`model.json: format is ${JSON.stringify(j.format)}, expected "${WINDOW_MLP_FORMAT}"`);
  if (j.formatVersion !== WINDOW_MLP_FORMAT_VERSION)
    throw new Error(`model.json: formatVersion ${JSON.stringify(j.formatVersion)} is not supported (expected 1)`);
  const parsed = WindowMlpSpec.safeParse(j.spec);
  if (!parsed.success)
    throw new Error(`model.json: the spec is not a window MLP's: ${parsed.error.issues[0]?.message}`);
  const spec = parsed.data;
  for (const key of ['vocab', 'context'] as const) {
    const v = j[key];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1)
      throw new Error(`model.json: ${key} must be a positive integer, got ${JSON.stringify(v)}`);
  }
  if (j.padId !== PAD_ID) throw new Error(`model.json: padId ${JSON.stringify(j.padId)} is not ${PAD_ID}`);
  const vocab = j.vocab as number;
  const manifest = j.weightsManifest;
  if (!Array.isArray(manifest) || manifest.length !== 1)
    throw new Error('model.json: weightsManifest must hold exactly one group');
  const listed = (manifest[0] as { weights?: unknown }).weights;
  if (!Array.isArray(listed)) throw new Error('model.json: weightsManifest[0].weights is missing');
  const specs = listed as Partial<WeightSpec>[];
  const expected = windowMlpShapes(spec, vocab);
  if (specs.length !== expected.length)
    throw new Error(`model.json: ${specs.length} weights listed, the spec needs ${expected.length}`);
  expected.forEach(([n, shape], i) => {
    const s = specs[i]!;
    if (s.name !== n) throw new Error(`model.json: weight ${i} is ${JSON.stringify(s.name)}, expected "${n}"`);
    if (s.dtype !== 'float32')
      throw new Error(`model.json: ${n} has dtype ${JSON.stringify(s.dtype)}, expected float32`);
    if (!Array.isArray(s.shape) || !same(s.shape, shape))
      throw new Error(`model.json: ${n} has shape ${JSON.stringify(s.shape)}, the spec needs [${shape.join(', ')}]`);
  });
  const bytes = expected.reduce((sum, [, shape]) => sum + shape.reduce((a, b) => a * b, 1), 0) * 4;
  if (weights.byteLength !== bytes) throw new Error(`weights: ${weights.byteLength} bytes, the spec needs ${bytes}`);
  // Built with throwaway initial weights, then every one replaced by the file's.
  const model = createWindowMlp(spec, vocab, j.context as number, createRng(0, 'loaded'), name);
  const decoded = tf.io.decodeWeights(weights, specs as WeightSpec[]);
  try {
    model.variables.forEach((v, i) => v.assign(decoded[expected[i]![0]]!));
  } finally {
    Object.values(decoded).forEach((t) => t.dispose());
  }
  return model;
}
