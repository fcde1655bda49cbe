/**
 * Causal multi-head attention of the transformer: q, k, v [rows = batch·steps, width] in, the
 * heads merged back into [rows, width] out, in the current formulation.
 *
 * The reference form is rank-4 batched matMuls over [batch, heads, steps, headWidth], with
 * tfjs's own gradients. On wasm these take tfjs's scalar loop (1–3 GFLOP/s; 2-D matMuls reach
 * about 35 through XNNPACK), so the fast form (transformer-attention-fast.ts) multiplies one
 * window and head at a time. One block-diagonal 2-D matMul per window (all heads at once, k
 * tiled H times under a 0/1 mask) was tried for issue 15 and measured 4× slower in the studio:
 * wasm's Tile and the 4× wasted multiply-adds cost more than the loop saves. Where WASM SIMD
 * is there, the fast form is one kernel of our own each way (transformer-attention-simd.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { causalAttentionFast } from './transformer-attention-fast';
import { simdAttention, simdAttentionAvailable } from './transformer-attention-simd';
import { transformerForms } from './transformer-ops';

export interface AttentionShape {
  batch: number;
  steps: number;
  heads: number;
  headWidth: number;
}

/** softmax(q·kᵀ/√d + mask)·v per head, in the current formulation. mask: [T, T] additive. */
export function causalAttention(
  q: tf.Tensor2D,
  k: tf.Tensor2D,
  v: tf.Tensor2D,
  mask: tf.Tensor,
  shape: AttentionShape,
): tf.Tensor2D {
  if (transformerForms() !== 'fast') return causalAttentionReference(q, k, v, mask, shape);
  // Our SIMD kernels where wasm has them (src/engine/simd/), else the per-head pieces.
  return simdAttentionAvailable(shape) ? simdAttention(q, k, v, shape) : causalAttentionFast(q, k, v, mask, shape);
}

/** The reference formulation: rank-4 batched matMuls, tfjs's own gradients. */
export function causalAttentionReference(
  q: tf.Tensor2D,
  k: tf.Tensor2D,
  v: tf.Tensor2D,
  mask: tf.Tensor,
  { batch, steps, heads, headWidth }: AttentionShape,
): tf.Tensor2D {
  // [rows, width] → [batch, heads, steps, headWidth]
  const splitHeads = (x: tf.Tensor) => tf.transpose(tf.reshape(x, [batch, steps, heads, headWidth]), [0, 2, 1, 3]);
  const scores = tf.add(tf.mul(tf.matMul(splitHeads(q), splitHeads(k), false, true), 1 / Math.sqrt(headWidth)), mask);
  const attended = tf.matMul(tf.softmax(scores), splitHeads(v)); // [batch, heads, steps, headWidth]
  return tf.reshape(tf.transpose(attended, [0, 2, 1, 3]), [batch * steps, heads * headWidth]) as tf.Tensor2D;
}
