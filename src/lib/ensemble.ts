/**
 * Mixes of several teachers' outputs into one teacher (issue 17 §5), on the host: K teachers'
 * logits for the same N rows of C classes, row-major [N, C] each. The mix is a probability per
 * row, returned as its logarithm so that it stands where a teacher's logits stand (softmax of
 * log p is p; an objective's temperature then softens the mix itself).
 *
 * - average: the mean of the teachers' probabilities (Hinton et al., 2015's ensemble);
 * - confidence: a per-row mean weighted by each teacher's top probability on that row, so a
 *   teacher unsure of an example counts less there;
 * - per-example: per row, the one teacher that gives the true class the most probability where
 *   the label is known (CA-MKD's choice), else the most confident one.
 */
export const TEACHER_MIXES = ['average', 'confidence', 'per-example'] as const;
export type TeacherMix = (typeof TEACHER_MIXES)[number];

/** The smallest probability a mix keeps (its log stays finite where every teacher says 0). */
export const MIX_FLOOR = 1e-12;

/** softmax of each row, in float64 (a row of very large logits stays exact). */
export function softmaxRows(logits: ArrayLike<number>, classes: number): Float64Array {
  const n = logits.length / classes;
  const out = new Float64Array(logits.length);
  for (let r = 0; r < n; r++) {
    let max = -Infinity;
    for (let c = 0; c < classes; c++) max = Math.max(max, logits[r * classes + c]!);
    let sum = 0;
    for (let c = 0; c < classes; c++) sum += out[r * classes + c] = Math.exp(logits[r * classes + c]! - max);
    for (let c = 0; c < classes; c++) out[r * classes + c]! /= sum;
  }
  return out;
}

export interface MixResult {
  /** log of the mixed probabilities, [N, C]. */
  logits: Float32Array;
  /** Each row's weight of each teacher, [N, K] (per-example: one 1 per row). */
  weights: Float32Array;
}

/**
 * Mixes `teachers` (each [N, C] logits) by `mix`. `labels` (one per row, −1 where unknown) is
 * read by per-example only.
 */
export function mixTeachers(
  teachers: readonly ArrayLike<number>[],
  classes: number,
  mix: TeacherMix,
  labels?: ArrayLike<number>,
): MixResult {
  const k = teachers.length;
  if (k === 0) throw new Error('A mix needs at least one teacher');
  const size = teachers[0]!.length;
  if (teachers.some((t) => t.length !== size) || size % classes !== 0)
    throw new Error('Every teacher must give the same number of rows and classes');
  const n = size / classes;
  const probs = teachers.map((t) => softmaxRows(t, classes));
  const weights = new Float32Array(n * k);
  const logits = new Float32Array(size);
  for (let r = 0; r < n; r++) {
    const w = rowWeights(probs, r, classes, mix, labels?.[r] ?? -1);
    for (let c = 0; c < classes; c++) {
      let p = 0;
      for (let j = 0; j < k; j++) p += w[j]! * probs[j]![r * classes + c]!;
      logits[r * classes + c] = Math.log(Math.max(p, MIX_FLOOR));
    }
    weights.set(w, r * k);
  }
  return { logits, weights };
}

/** One row's teacher weights, summing to 1. */
function rowWeights(probs: Float64Array[], r: number, classes: number, mix: TeacherMix, label: number): number[] {
  const k = probs.length;
  if (mix === 'average') return Array.from({ length: k }, () => 1 / k);
  const top = probs.map((p) => {
    let m = 0;
    for (let c = 0; c < classes; c++) m = Math.max(m, p[r * classes + c]!);
    return m;
  });
  if (mix === 'confidence') {
    const sum = top.reduce((a, b) => a + b, 0);
    return top.map((t) => t / sum);
  }
  // per-example: the best teacher on this row (ties: the first).
  const score = label >= 0 && label < classes ? probs.map((p) => p[r * classes + label]!) : top;
  const best = score.reduce((b, s, j) => (s > score[b]! ? j : b), 0);
  return Array.from({ length: k }, (_, j) => (j === best ? 1 : 0));
}
