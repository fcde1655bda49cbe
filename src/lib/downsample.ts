/**
 * Min–max decimation for line charts: splits the rows into `buckets` runs and keeps, from each,
 * the rows where the key column is lowest and highest (in step order). Spikes and the noise
 * band survive, and a chart of 100,000 steps draws at most 2·buckets points.
 */
export function minMaxIndices(values: ArrayLike<number>, buckets: number): number[] {
  const n = values.length;
  if (n <= buckets * 2) return Array.from({ length: n }, (_, i) => i);
  const out: number[] = [];
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor((b * n) / buckets);
    const to = Math.floor(((b + 1) * n) / buckets);
    let lo = from;
    let hi = from;
    for (let i = from + 1; i < to; i++) {
      const v = values[i]!;
      // NaN never wins a comparison, so it cannot be picked over a finite value.
      if (v < values[lo]! || Number.isNaN(values[lo]!)) lo = i;
      if (v > values[hi]! || Number.isNaN(values[hi]!)) hi = i;
    }
    if (lo === hi) out.push(lo);
    else out.push(Math.min(lo, hi), Math.max(lo, hi));
  }
  // Always end on the newest row so the line reaches the current step.
  if (out.at(-1) !== n - 1) out.push(n - 1);
  return out;
}
