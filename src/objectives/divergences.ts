/**
 * Shared building blocks of the objectives, written so each loss reads like its paper.
 * Conventions (see ARCHITECTURE.md): divergences work on log-probabilities, are summed over
 * classes, then averaged over valid rows (token-mean with a mask). Natural logarithms.
 * p is the teacher's distribution, q the student's.
 */
import type { LossInputs, Scalar, Tensor, Tf } from './types';

/** log softmax(z / T) over the last axis. */
export function logSoftmaxT(tf: Tf, logits: Tensor, T: number): Tensor {
  return tf.logSoftmax(T === 1 ? logits : tf.div(logits, T));
}

/** Per-row KL(a‖b) = Σ_v a_v (log a_v − log b_v), from log-probabilities. */
export function klRows(tf: Tf, logA: Tensor, logB: Tensor): Tensor {
  return tf.sum(tf.mul(tf.exp(logA), tf.sub(logA, logB)), -1);
}

/** Per-row entropy H(a) = −Σ a log a, from log-probabilities. */
export function entropyRows(tf: Tf, logA: Tensor): Tensor {
  return tf.neg(tf.sum(tf.mul(tf.exp(logA), logA), -1));
}

/**
 * log(w·a + (1 − w)·b) from log a and log b, as a log-sum-exp (TRL's generalized_jsd_loss
 * does the same): stable even where a or b underflow.
 */
export function logMixture(tf: Tf, logA: Tensor, logB: Tensor, w: number): Tensor {
  if (w >= 1) return logA;
  if (w <= 0) return logB;
  return tf.logSumExp(tf.stack([tf.add(logA, Math.log(w)), tf.add(logB, Math.log(1 - w))]), 0);
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

/** The rows a hard-label loss averages over: real labels (`labelMask`) among valid rows (`mask`). */
export function hardLabelRows(tf: Tf, { mask, labelMask }: Pick<LossInputs, 'mask' | 'labelMask'>): Tensor | undefined {
  return mask && labelMask ? tf.mul(mask, labelMask) : (labelMask ?? mask);
}

/**
 * The hard-label cross-entropy term: CE(y, softmax(z_s)) at T = 1, averaged over rows whose
 * label is real (`labelMask`: transfer-set rows carry the teacher's class instead) and valid
 * (`mask`, token-mean).
 */
export function hardLabelLoss(tf: Tf, inputs: LossInputs): Scalar {
  const rows = hardLabelRows(tf, inputs);
  return maskedMean(tf, crossEntropyRows(tf, inputs.studentLogits, inputs.labels), rows);
}

/**
 * The mix (1 − α)·CE + w·KD of the objectives whose KD weight α trades against the
 * hard-label loss, with w = α when the batch has a real label among its valid rows and w = 1
 * when it has none. A batch without labels is a student-generated (on-policy, GKD) one: its CE
 * is 0, and weighing the divergence by α there would only shrink it, whereas GKD's loss on
 * such a batch is the divergence alone (TRL's `generalized_jsd_loss`, no CE term). Batches
 * with labels (every corpus batch, every image batch with a labelled row) are unchanged.
 * Decided on the device from `labelMask`: one sum and one comparison, no read-back.
 */
export function mixWithHardLabels(tf: Tf, ce: Scalar, kd: Scalar, alpha: number, inputs: LossInputs): Scalar {
  const ceTerm = tf.mul(ce, 1 - alpha);
  return tf.add(ceTerm, tf.mul(kd, kdWeight(tf, alpha, inputs))) as Scalar;
}

/**
 * The weight w of the divergence in `mixWithHardLabels`: α when the batch has a real label
 * among its valid rows, 1 when it has none (a number when there is no `labelMask` to ask).
 */
export function kdWeight(tf: Tf, alpha: number, { labelMask, mask }: LossInputs): number | Scalar {
  if (!labelMask || alpha === 1) return alpha;
  const rows = mask ? tf.mul(mask, labelMask) : labelMask;
  const labelled = tf.cast(tf.greater(tf.sum(rows), 0), 'float32');
  // w = 1 − (1 − α)·labelled: α with labels, 1 without.
  return tf.sub(1, tf.mul(labelled, 1 - alpha)) as Scalar;
}

/** tfjs has no stop-gradient op (tensorflow/tfjs#7438): identity forward, zero gradient. */
export function stopGradient(tf: Tf, x: Tensor): Tensor {
  const detached = tf.customGrad((...args) => ({
    value: tf.clone(args[0] as Tensor),
    gradFunc: (dy: Tensor) => tf.zerosLike(dy),
  }));
  return detached(x);
}

/**
 * Smooth L1 (Huber with β = 1) averaged over all elements, as torch's F.smooth_l1_loss:
 * ½d² for |d| < 1, |d| − ½ beyond. Written as ½c² + (|d| − c) with c = min(|d|, 1), because
 * tfjs has no gradient for the comparison a tf.where would need.
 */
export function smoothL1(tf: Tf, a: Tensor, b: Tensor): Scalar {
  const d = tf.abs(tf.sub(a, b));
  const c = tf.minimum(d, 1);
  return tf.mean(tf.add(tf.mul(tf.square(c), 0.5), tf.sub(d, c))) as Scalar;
}
