/**
 * The test set seen from above: its standardised features projected on their first two
 * principal components (ml-pca, NIPALS: only the two components the view draws are computed,
 * so a thousand features cost no more than a few passes over the rows). Computed once per
 * session, in the worker, on at most MAX_PROJECTED test rows (the test order is shuffled, so
 * they are a seeded sample of every class).
 */
import { PCA } from 'ml-pca';

export const MAX_PROJECTED = 2000;

/** Row-major [n, 2] scores and the share of the rows' total variance each component explains. */
export function projectTest(
  x: Float32Array,
  rows: number,
  features: number,
): { points: Float32Array; explained: [number, number] } {
  const n = Math.min(rows, MAX_PROJECTED);
  const points = new Float32Array(n * 2);
  if (n === 0) return { points, explained: [0, 0] };
  const data = Array.from({ length: n }, (_, i) => Array.from(x.subarray(i * features, (i + 1) * features)));
  if (features === 1 || n < 3) {
    // One feature (or too few rows for two directions): the points on a line.
    data.forEach((row, i) => (points[2 * i] = row[0]!));
    return { points, explained: [1, 0] };
  }
  const pca = new PCA(data, { method: 'NIPALS', nCompNIPALS: 2, center: true, scale: false });
  const scores = pca.predict(data, { nComponents: 2 });
  let total = 0;
  const means = new Float64Array(features);
  for (const row of data) row.forEach((v, j) => (means[j]! += v / n));
  for (const row of data) row.forEach((v, j) => (total += (v - means[j]!) ** 2));
  const varOf = [0, 0];
  for (let i = 0; i < n; i++)
    for (let k = 0; k < 2; k++) {
      const v = scores.get(i, k);
      points[2 * i + k] = Number.isFinite(v) ? v : 0;
      varOf[k]! += v * v;
    }
  const share = (v: number) => (total > 0 && Number.isFinite(v) ? Math.min(1, v / total) : 0);
  return { points, explained: [share(varOf[0]!), share(varOf[1]!)] };
}
