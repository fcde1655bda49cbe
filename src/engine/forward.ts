import * as tf from '@tensorflow/tfjs';
import type { Model } from './models/types';

/** Rows per forward pass when caching or evaluating: bounds the memory of conv activations. */
export const FORWARD_CHUNK = 500;

/** The model's outputs on many rows, computed `FORWARD_CHUNK` rows at a time. */
export function forwardInChunks(
  model: Model,
  x: tf.Tensor,
  onChunk?: (done: number) => void,
): { logits: tf.Tensor2D; features: tf.Tensor2D } {
  const n = x.shape[0]!;
  const logits: tf.Tensor2D[] = [];
  const features: tf.Tensor2D[] = [];
  for (let start = 0; start < n; start += FORWARD_CHUNK) {
    const size = Math.min(FORWARD_CHUNK, n - start);
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
