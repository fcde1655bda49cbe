import * as tf from '@tensorflow/tfjs';
import type { Model } from './models/types';

/** Rows per forward pass when caching or evaluating: bounds the memory of conv activations. */
export const FORWARD_CHUNK = 500;

/** Text windows per forward pass (each is up to 64 token rows). */
export const TEXT_CHUNK = 64;

/**
 * The model's outputs on many rows, computed `chunk` rows at a time. A text model's rows are
 * windows and its outputs have one row per token.
 */
export function forwardInChunks(
  model: Model,
  x: tf.Tensor,
  onChunk?: (done: number) => void,
  chunk = FORWARD_CHUNK,
): { logits: tf.Tensor2D; features: tf.Tensor2D } {
  const n = x.shape[0]!;
  const logits: tf.Tensor2D[] = [];
  const features: tf.Tensor2D[] = [];
  for (let start = 0; start < n; start += chunk) {
    const size = Math.min(chunk, n - start);
    const [l, f] = tf.tidy(() => {
      const out = model.forward(tf.slice(x, start, size));
      return [out.logits, out.features];
    });
    logits.push(l!);
    features.push(f!);
    onChunk?.(start + size);
  }
  const out = { logits: tf.concat(logits) as tf.Tensor2D, features: tf.concat(features) as tf.Tensor2D };
  tf.dispose([...logits, ...features]);
  return out;
}
