/**
 * A read table as numbers: numeric columns standardised with the training rows' mean and
 * standard deviation (missing values take that mean, so they standardise to 0), text columns
 * one-hot (a missing value: no category, all zeros). The test rows never inform the statistics.
 */
import type { Column } from './columns';

export interface Encoded {
  /** Row-major [rows, features], rows in the order asked for. */
  x: Float32Array;
  /** Training-set mean and standard deviation of each numeric column, in column order. */
  stats: { name: string; mean: number; std: number }[];
}

/** Mean and standard deviation (population) of the values at `rows` that are present; 0 and 1 when none or constant. */
export function trainStats(values: Float64Array, rows: Int32Array): { mean: number; std: number } {
  let n = 0;
  let sum = 0;
  for (const r of rows) {
    const v = values[r]!;
    if (!Number.isNaN(v)) {
      n++;
      sum += v;
    }
  }
  const mean = n > 0 ? sum / n : 0;
  let ss = 0;
  for (const r of rows) {
    const v = values[r]!;
    if (!Number.isNaN(v)) ss += (v - mean) ** 2;
  }
  const std = n > 0 ? Math.sqrt(ss / n) : 0;
  return { mean, std: std > 1e-12 ? std : 1 };
}

/**
 * Encodes `rows` (indices into the columns) of a table with `features` features, with the
 * statistics of `train`.
 */
export function encodeRows(columns: readonly Column[], features: number, train: Int32Array, rows: Int32Array): Encoded {
  const x = new Float32Array(rows.length * features);
  const stats: Encoded['stats'] = [];
  let f = 0;
  for (const c of columns) {
    if (c.kind === 'numeric') {
      const { mean, std } = trainStats(c.values, train);
      stats.push({ name: c.name, mean, std });
      for (let i = 0; i < rows.length; i++) {
        const v = c.values[rows[i]!]!;
        x[i * features + f] = Number.isNaN(v) ? 0 : (v - mean) / std;
      }
      f++;
    } else if (c.kind === 'categories') {
      for (let i = 0; i < rows.length; i++) {
        const k = c.codes[rows[i]!]!;
        if (k >= 0) x[i * features + f + k] = 1;
      }
      f += c.categories.length;
    }
  }
  return { x, stats };
}
