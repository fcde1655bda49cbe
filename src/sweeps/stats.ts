/**
 * The statistics of a sweep's seeds: mean, sample standard deviation, a 95% Student-t interval
 * for the mean, and Welch's unequal-variance t-test with the Welch–Satterthwaite degrees of
 * freedom. The t distribution comes from jstat (README: dependencies and why). Pure.
 */
import jStat from 'jstat';

export const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Sample standard deviation (n − 1); 0 for a single value. */
export function sd(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
}

export interface Summary {
  n: number;
  mean: number;
  sd: number;
  /** Half the width of the 95% t interval for the mean; NaN with one value (no spread to go on). */
  ci95: number;
}

export function summarize(xs: readonly number[]): Summary {
  const n = xs.length;
  const s = sd(xs);
  const ci95 = n < 2 ? NaN : jStat.studentt.inv(0.975, n - 1) * (s / Math.sqrt(n));
  return { n, mean: n ? mean(xs) : NaN, sd: s, ci95 };
}

export interface WelchResult {
  /** (mean a − mean b) / √(sa²/na + sb²/nb). */
  t: number;
  /** Welch–Satterthwaite degrees of freedom. */
  df: number;
  /** Two-sided p-value. */
  p: number;
  diff: number;
}

/**
 * Welch's t-test of a against b. Both samples without spread: p is 1 when the means are equal and
 * 0 when they differ (every seed agrees), with df the pooled n − 2.
 */
export function welch(a: readonly number[], b: readonly number[]): WelchResult {
  if (a.length < 2 || b.length < 2) throw new Error('Welch’s t-test needs at least two values in each group.');
  const va = sd(a) ** 2 / a.length;
  const vb = sd(b) ** 2 / b.length;
  const diff = mean(a) - mean(b);
  const se2 = va + vb;
  if (se2 === 0) {
    const t = diff === 0 ? 0 : Math.sign(diff) * Infinity;
    return { t, df: a.length + b.length - 2, p: diff === 0 ? 1 : 0, diff };
  }
  const t = diff / Math.sqrt(se2);
  const df = se2 ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1));
  const p = 2 * (1 - jStat.studentt.cdf(Math.abs(t), df));
  return { t, df, p: Math.min(1, Math.max(0, p)), diff };
}
