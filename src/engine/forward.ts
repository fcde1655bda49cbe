import * as tf from '@tensorflow/tfjs';
import { FORWARD_CHUNK } from '../config/chunks';
import type { Model } from './models/types';

export { FORWARD_CHUNK, TEXT_CHUNK } from '../config/chunks';

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
