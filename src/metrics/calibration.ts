import type { Scalar, Tensor, Tf } from '../objectives/types';
import { defineMetric } from './types';

export const ECE_BINS = 15;

/**
 * Expected calibration error (Guo et al., 2017) with M equal-width bins ((m−1)/M, m/M] over the
 * confidence (torchmetrics' default: 15 bins, L1): Σ_m |B_m|/n·|acc(B_m) − conf(B_m)|, which
 * is (1/n)·Σ_m |Σ_{i∈B_m} (correct_i − conf_i)| — a one-hot bin matrix product on the device.
 */
export function eceFromConfidence(tf: Tf, confidence: Tensor, correct: Tensor, mask?: Tensor, bins = ECE_BINS): Scalar {
  const bin = tf.cast(tf.clipByValue(tf.sub(tf.ceil(tf.mul(confidence, bins)), 1), 0, bins - 1), 'int32');
  let gap = tf.sub(correct, confidence);
  if (mask) gap = tf.mul(gap, mask);
  const perBin = tf.sum(tf.mul(tf.oneHot(bin, bins), tf.expandDims(gap, 1)), 0);
  const n = mask ? tf.maximum(tf.sum(mask), 1) : confidence.shape[0]!;
  return tf.div(tf.sum(tf.abs(perBin)), n) as Scalar;
}

export function ece(tf: Tf, logits: Tensor, labels: Tensor, mask?: Tensor): Scalar {
  const confidence = tf.max(tf.softmax(logits), -1);
  const correct = tf.cast(tf.equal(tf.argMax(logits, -1), tf.cast(labels, 'int32')), 'float32');
  return eceFromConfidence(tf, confidence, correct, mask);
}

export const studentEce = defineMetric({
  id: 'ece',
  label: 'Student ECE',
  format: 'unitless',
  dependsOnStudent: true,
  compute: (tf, { studentLogits, labels, mask }) => ece(tf, studentLogits, labels, mask),
});

export const teacherEce = defineMetric({
  id: 'teacherEce',
  label: 'Teacher ECE',
  format: 'unitless',
  dependsOnStudent: false,
  compute: (tf, { teacherLogits, labels, mask }) => ece(tf, teacherLogits, labels, mask),
});
