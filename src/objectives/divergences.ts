/**
 * Shared building blocks of the objectives, written so each loss reads like its paper.
 * Conventions (see ARCHITECTURE.md): divergences are summed over classes, then averaged over
 * valid rows (token-mean with a mask). Natural logarithms throughout.
 */
import type { Scalar, Tensor, Tf } from './types';

/** log softmax(z / T) over the last axis. */
export function logSoftmaxT(tf: Tf, logits: Tensor, T: number): Tensor {
  return tf.logSoftmax(T === 1 ? logits : tf.div(logits, T));
}

/** Per-row KL(a‖b) = Σ_v a_v (log a_v − log b_v), from log-probabilities. */
export function klRows(tf: Tf, logA: Tensor, logB: Tensor): Tensor {
  return tf.sum(tf.mul(tf.exp(logA), tf.sub(logA, logB)), -1);
}

/** Per-row cross-entropy −log softmax(z)[y] at T = 1. */
export function crossEntropyRows(tf: Tf, logits: Tensor, labels: Tensor): Tensor {
  const classes = logits.shape[logits.shape.length - 1]!;
  const oneHot = tf.oneHot(labels.dtype === 'int32' ? labels : tf.cast(labels, 'int32'), classes);
  return tf.neg(tf.sum(tf.mul(oneHot, tf.logSoftmax(logits)), -1));
}

/**
 * Mean over valid rows: Σ m·x / Σ m (all rows when there is no mask). The result is rank 0
 * already; it is typed as a Scalar rather than reshaped (a reshape is one more op per step).
 */
export function maskedMean(tf: Tf, perRow: Tensor, mask?: Tensor): Scalar {
  if (!mask) return tf.mean(perRow) as Scalar;
  return tf.div(tf.sum(tf.mul(perRow, mask)), tf.maximum(tf.sum(mask), 1)) as Scalar;
}
