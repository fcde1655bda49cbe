/** Softmax of one row of logits at temperature T (main-thread views; no tfjs). */
export function softmaxRow(logits: ArrayLike<number>, offset: number, classes: number, T = 1): Float64Array {
  const out = new Float64Array(classes);
  let max = -Infinity;
  for (let c = 0; c < classes; c++) max = Math.max(max, logits[offset + c]! / T);
  let sum = 0;
  for (let c = 0; c < classes; c++) {
    out[c] = Math.exp(logits[offset + c]! / T - max);
    sum += out[c]!;
  }
  for (let c = 0; c < classes; c++) out[c]! /= sum;
  return out;
}

/** Index of the largest entry; ties go to the first (as tf.argMax). */
export function argmaxRow(v: ArrayLike<number>, offset: number, n: number): number {
  let best = 0;
  for (let i = 1; i < n; i++) if (v[offset + i]! > v[offset + best]!) best = i;
  return best;
}
