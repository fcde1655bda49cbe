/**
 * Teachers shipped under public/models as tfjs layers models (trained by scripts in scripts/).
 * Loaded from bytes, so the weights can be hashed and checked before use; wrapped as a Model
 * whose forward returns the logits and the 'features' layer.
 */
import * as tf from '@tensorflow/tfjs';
import type { PretrainedSpec } from '../../config/schema';
import type { Assets } from '../assets';
import { findLogits, inputLayerOf, withLinearActivation, type OutputActivation } from './output-activation';
import { wrapTransformer } from './sequence';
import { loadTransformer, TRANSFORMER_FORMAT } from './transformer';
import type { Model } from './types';
import { sha256Hex as sha256 } from '../../lib/sha256';

export interface PretrainedInfo {
  id: string;
  /** First 12 hex digits of the SHA-256 of the weight bytes, computed on load. */
  weightsHash: string;
  /** What the training script measured (shown next to the app's own measurement). */
  meta: Record<string, unknown>;
}

export const PRETRAINED_PATHS: Record<PretrainedSpec['id'], string> = {
  'fashion-cnn': 'models/fashion-cnn/',
  'fashion-cnn-xs': 'models/fashion-cnn-xs/',
  'fashion-cnn-xxs': 'models/fashion-cnn-xxs/',
  'char-transformer': 'models/char-transformer/',
};

/** The first 12 hex digits of a SHA-256: how weights are named in stamps and configs. */
export const sha256Hex = (bytes: Uint8Array, digits = 12): Promise<string> => sha256(bytes, digits);

/** A layers model as a Model, and the activation its output applies to its logits, if any. */
export type WrappedLayers = Model & { outputActivation?: OutputActivation };

/**
 * Wraps a layers model whose input is `inputShape` as a Model, after checking that it fits.
 * Its forward returns the logits (the values before a final softmax or sigmoid, when the model
 * ends in one: models/output-activation.ts) and the 'features' layer, or else the layer that
 * feeds the logits. `training` reaches BatchNormalization and Dropout: batch statistics and
 * dropped units while a student takes a step, inference everywhere else.
 */
export function wrapLayersModel(model: tf.LayersModel, inputShape: number[], classes: number): WrappedLayers {
  const input = model.inputs[0]?.shape.slice(1) ?? [];
  if (input.join('×') !== inputShape.join('×'))
    throw new Error(
      `The model expects inputs of shape ${input.join('×')}, but this task gives ${inputShape.join('×')}`,
    );
  const out = model.outputs[0]?.shape.at(-1);
  if (out !== classes) throw new Error(`The model has ${out} outputs, but this task has ${classes} classes`);
  const tap = findLogits(model);
  let featureLayer: tf.layers.Layer;
  try {
    featureLayer = model.getLayer('features');
  } catch {
    // Any model works as a teacher; feature objectives need a 'features' layer.
    featureLayer = inputLayerOf(tap.source) ?? model.layers[0]!;
  }
  const both = tf.model({
    inputs: model.inputs,
    outputs: [featureLayer.output as tf.SymbolicTensor, tap.logits],
  });
  const apply = (x: tf.Tensor, training: boolean) => both.apply(x, { training }) as tf.Tensor[];
  return {
    variables: [],
    paramCount: model.countParams(),
    forward(x, training = false) {
      const [features, logits] = tap.inLayer
        ? withLinearActivation(tap.inLayer, () => apply(x, training))
        : apply(x, training);
      return { logits: logits as tf.Tensor2D, features: tf.reshape(features!, [x.shape[0]!, -1]) as tf.Tensor2D };
    },
    dispose: () => model.dispose(),
    layers: model,
    ...(tap.activation && { outputActivation: tap.activation }),
  };
}

export async function loadPretrained(
  spec: PretrainedSpec,
  assets: Assets,
  inputShape: number[],
  classes: number,
): Promise<{ model: Model; info: PretrainedInfo }> {
  const dir = PRETRAINED_PATHS[spec.id];
  const json = await assets.json<tf.io.ModelJSON>(`${dir}model.json`);
  if ((json as { format?: string }).format === TRANSFORMER_FORMAT) return loadShippedTransformer(spec, assets, json);
  const meta = await assets.json<Record<string, unknown>>(`${dir}meta.json`).catch(() => ({}));
  const parts = await Promise.all(json.weightsManifest.flatMap((g) => g.paths).map((p) => assets.bytes(`${dir}${p}`)));
  const weights = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    weights.set(p, off);
    off += p.length;
  }
  const layers = await tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: json.modelTopology,
      weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
      weightData: weights.buffer,
    }),
  );
  try {
    return {
      model: wrapLayersModel(layers, inputShape, classes),
      info: { id: spec.id, weightsHash: await sha256Hex(weights), meta },
    };
  } catch (e) {
    layers.dispose();
    throw e;
  }
}

/** The text task's teacher: a transformer in the studio's own format (models/transformer.ts). */
async function loadShippedTransformer(
  spec: PretrainedSpec,
  assets: Assets,
  json: unknown,
): Promise<{ model: Model; info: PretrainedInfo }> {
  const dir = PRETRAINED_PATHS[spec.id];
  const meta = await assets.json<Record<string, unknown>>(`${dir}meta.json`).catch(() => ({}));
  const weights = await assets.bytes(`${dir}weights.bin`);
  const buffer = weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) as ArrayBuffer;
  const transformer = loadTransformer(json, buffer, 'teacher');
  return {
    model: wrapTransformer(transformer, false),
    info: { id: spec.id, weightsHash: await sha256Hex(weights), meta },
  };
}
