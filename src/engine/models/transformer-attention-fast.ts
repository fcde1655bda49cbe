/**
 * Causal attention for tfjs-backend-wasm 4.22 as plain 2-D matMuls, one per window and head
 * for each product (piece-matmul.ts: XNNPACK, where the rank-4 batched matMul of the
 * reference form is a scalar loop), forward and backward, with the gradient written out.
 *
 * The heads are laid out once per tensor by one Transpose ([rows, width] → [n, steps,
 * headWidth], n = windows·heads), and every operand a product needs transposed gets an
 * explicit Transpose, never a transpose flag (which takes the slow loop even at batch 1).
 * Scale, mask and softmax run once over all scores.
 */
import * as tf from '@tensorflow/tfjs';
import { pieceMatMul3d } from './piece-matmul';
import type { AttentionShape } from './transformer-attention';
import { simdAttentionAvailable, simdAttentionForward } from './transformer-attention-simd';

/**
 * The layouts of one attention call. `heads`: [rows, width] → [n, steps, headWidth], window
 * then head; `headsT`: each piece transposed, [n, headWidth, steps]; `merge`: from `heads`
 * layout back to [rows, width]; `swap`: every piece of [n, r, c] transposed.
 */
function layouts({ batch, steps, heads, headWidth }: AttentionShape) {
  const n = batch * heads;
  const split = (x: tf.Tensor) => tf.reshape(x, [batch, steps, heads, headWidth]);
  return {
    heads: (x: tf.Tensor) => tf.reshape(tf.transpose(split(x), [0, 2, 1, 3]), [n, steps, headWidth]) as tf.Tensor3D,
    headsT: (x: tf.Tensor) => tf.reshape(tf.transpose(split(x), [0, 2, 3, 1]), [n, headWidth, steps]) as tf.Tensor3D,
    merge: (x: tf.Tensor) =>
      tf.reshape(tf.transpose(tf.reshape(x, [batch, heads, steps, headWidth]), [0, 2, 1, 3]), [
        batch * steps,
        heads * headWidth,
      ]) as tf.Tensor2D,
    swap: (x: tf.Tensor3D) => tf.transpose(x, [0, 2, 1]),
  };
}

/** Σ over the last axis of [n, r, c] as a matMul with ones, [n, r, 1]: a row `sum` is a slow loop on wasm. */
function rowSums(x: tf.Tensor3D): tf.Tensor3D {
  const [n, r, c] = x.shape;
  return tf.reshape(tf.matMul(tf.reshape(x, [n * r, c]), tf.ones([c, 1])), [n, r, 1]);
}

/**
 * softmax(q·kᵀ + mask)·v per window and head with q already scaled by 1/√d, without a
 * gradient: a frozen model's forward pass (its query weights carry the scale).
 */
export function causalAttentionForward(
  q: tf.Tensor2D,
  k: tf.Tensor2D,
  v: tf.Tensor2D,
  mask: tf.Tensor,
  shape: AttentionShape,
): tf.Tensor2D {
  if (simdAttentionAvailable(shape)) return simdAttentionForward(q, k, v, shape);
  const L = layouts(shape);
  const p = tf.softmax(tf.add(pieceMatMul3d(L.heads(q), L.headsT(k)), mask)) as tf.Tensor3D;
  return L.merge(pieceMatMul3d(p, L.heads(v)));
}

/**
 * softmax(q·kᵀ/√d + mask)·v per window and head; q, k, v [rows, width] → [rows, width].
 * Gradient, with Q the scaled queries, P = softmax(Q·Kᵀ + mask) and O = P·V:
 *   dV = Pᵀ·dO, dP = dO·Vᵀ, dS = P ⊙ (dP − rowsum(dO ⊙ O)), dQ = dS·K/√d, dK = dSᵀ·Q.
 * (rowsum(dP ⊙ P) = rowsum(dO ⊙ O), the smaller product.) Masked entries have P = 0, so
 * their dS is 0 and the mask needs no gradient.
 */
export function causalAttentionFast(
  q: tf.Tensor2D,
  k: tf.Tensor2D,
  v: tf.Tensor2D,
  mask: tf.Tensor,
  shape: AttentionShape,
): tf.Tensor2D {
  const scale = 1 / Math.sqrt(shape.headWidth);
  const L = layouts(shape);
  const attend = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [qx, kx, vx, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
    const qHeads = L.heads(tf.mul(qx, scale));
    const p = tf.softmax(tf.add(pieceMatMul3d(qHeads, L.headsT(kx)), mask)) as tf.Tensor3D;
    const o = pieceMatMul3d(p, L.heads(vx));
    save([qHeads, kx, vx, p, o]);
    return {
      value: L.merge(o),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [qs, ks, vs, ps, os] = saved as [tf.Tensor3D, tf.Tensor2D, tf.Tensor2D, tf.Tensor3D, tf.Tensor3D];
        const dO = L.heads(dy);
        const dV = pieceMatMul3d(L.swap(ps), dO);
        const dP = pieceMatMul3d(dO, L.headsT(vs));
        const dS = tf.mul(ps, tf.sub(dP, rowSums(tf.mul(dO, os)))) as tf.Tensor3D;
        const dQ = tf.mul(pieceMatMul3d(dS, L.heads(ks)), scale);
        const dK = pieceMatMul3d(L.swap(dS), qs);
        return [L.merge(dQ), L.merge(dK), L.merge(dV)];
      },
    };
  }) as (q: tf.Tensor, k: tf.Tensor, v: tf.Tensor) => tf.Tensor2D;
  return attend(q, k, v);
}
