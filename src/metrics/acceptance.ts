/**
 * The student as a draft model (DistillSpec, Zhou et al., 2024; speculative decoding, Leviathan
 * et al., 2023): how many characters one teacher call yields when the student drafts γ of them.
 *
 * Sampling: a drafted token is accepted with probability min(1, p/q), so the chance that a token
 * is accepted is α = Σ min(p, q) = 1 − TVD(p, q), p the teacher's and q the student's softmax at
 * T = 1. Greedy decoding accepts a draft exactly when the two arg-maxes agree. With a per-token
 * acceptance α taken as independent of the position (Leviathan et al.'s assumption, measured
 * here as the mean over the held-out tokens), one call yields (1 − α^(γ+1)) / (1 − α)
 * characters: the accepted run plus the teacher's own next one.
 */
import { maskedMean } from '../objectives/divergences';
import type { Scalar, Tensor, Tf } from '../objectives/types';
import { defineMetric } from './types';

/** Characters the student drafts per teacher call. */
export const DRAFT_GAMMA = 4;

/**
 * Expected characters per teacher call, (1 − α^(γ+1)) / (1 − α), written as the sum
 * 1 + α + … + α^γ: the same value, finite at α = 1 (where it is γ + 1) and with no cancellation
 * near it.
 */
export function expectedCharsPerCall(alpha: number, gamma: number = DRAFT_GAMMA): number {
  let sum = 0;
  let power = 1;
  for (let i = 0; i <= gamma; i++) {
    sum += power;
    power *= alpha;
  }
  return sum;
}

/** The same sum on the device, for a metric. */
function charsPerCall(tf: Tf, alpha: Tensor, gamma: number = DRAFT_GAMMA): Scalar {
  let sum: Tensor = tf.onesLike(alpha);
  let power: Tensor = alpha;
  for (let i = 1; i <= gamma; i++) {
    sum = tf.add(sum, power);
    power = tf.mul(power, alpha);
  }
  return sum as Scalar;
}

/** Per-token acceptance under speculative sampling, 1 − TVD = Σ min(p, q), token-mean. */
function samplingAcceptance(tf: Tf, teacherLogits: Tensor, studentLogits: Tensor, mask?: Tensor): Scalar {
  const overlap = tf.sum(tf.minimum(tf.softmax(teacherLogits), tf.softmax(studentLogits)), -1);
  return maskedMean(tf, overlap, mask);
}

/** Share of tokens where greedy drafting is accepted: the student's arg-max is the teacher's. */
function greedyAcceptance(tf: Tf, teacherLogits: Tensor, studentLogits: Tensor, mask?: Tensor): Scalar {
  const same = tf.cast(tf.equal(tf.argMax(teacherLogits, -1), tf.argMax(studentLogits, -1)), 'float32');
  return maskedMean(tf, same, mask);
}

// Labels short enough for a phone's readouts; the charts' titles say γ and the formula.
export const acceptance = defineMetric({
  id: 'acceptance',
  label: 'Draft acceptance α',
  format: 'percent',
  dependsOnStudent: true,
  compute: (tf, { teacherLogits, studentLogits, mask }) => samplingAcceptance(tf, teacherLogits, studentLogits, mask),
});

export const draftChars = defineMetric({
  id: 'draftChars',
  label: 'Chars/call, sampling',
  format: 'number',
  dependsOnStudent: true,
  compute: (tf, { teacherLogits, studentLogits, mask }) =>
    charsPerCall(tf, samplingAcceptance(tf, teacherLogits, studentLogits, mask)),
});

export const greedyDraftChars = defineMetric({
  id: 'greedyDraftChars',
  label: 'Chars/call, greedy',
  format: 'number',
  dependsOnStudent: true,
  compute: (tf, { teacherLogits, studentLogits, mask }) =>
    charsPerCall(tf, greedyAcceptance(tf, teacherLogits, studentLogits, mask)),
});

/** The draft metrics a language task adds to its lanes. */
export const DRAFT_METRICS = [acceptance, draftChars, greedyDraftChars] as const;
