/**
 * Power laws on log-log axes: a least-squares line through (ln x, ln y), and where a falling
 * curve turned up (teacher hacking's golden distance). Points with x or y not positive and
 * finite have no logarithm and are skipped.
 */

export interface LogLogFit {
  /** y ≈ e^intercept · x^slope. */
  slope: number;
  intercept: number;
  /** Points the fit used. */
  n: number;
}

/** Ordinary least squares in log-log space; null with fewer than two usable points or one x. */
export function fitLogLog(xs: readonly number[], ys: readonly number[]): LogLogFit | null {
  let n = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  xs.forEach((x, i) => {
    const y = ys[i]!;
    if (!(x > 0 && y > 0 && Number.isFinite(x) && Number.isFinite(y))) return;
    const lx = Math.log(x);
    const ly = Math.log(y);
    n++;
    sx += lx;
    sy += ly;
    sxx += lx * lx;
    sxy += lx * ly;
  });
  const d = n * sxx - sx * sx;
  if (n < 2 || !(Math.abs(d) > 1e-12)) return null;
  const slope = (n * sxy - sx * sy) / d;
  return { slope, intercept: (sy - slope * sx) / n, n };
}

export const fittedAt = (fit: LogLogFit, x: number): number => Math.exp(fit.intercept + fit.slope * Math.log(x));

export interface TurnUp {
  /** The lowest (smoothed) value before the rise, and its step. */
  step: number;
  min: number;
  /** The highest value the curve climbed back to after it, and its step. */
  peakStep: number;
  peak: number;
  /** peak / min − 1 (0.25: 25% above the minimum). */
  rise: number;
  /** The running median at the last evaluation. */
  latest: number;
}

/**
 * Whether a curve that should fall turned up: the largest climb of its running median above the
 * lowest running median before it, when that climb is at least `threshold`. The median at step
 * s is over the evaluations from s / `ratio` to s (and at least the last `least` of them): a
 * window of constant width on a log axis, so late, densely evaluated stretches are smoothed over
 * many evaluations and an optimiser's jolt there moves the median little, while an early turn
 * is still seen. A curve may fall again after it (a second descent): the rise is still reported,
 * with where it peaked and where it stands now. Null while it has not turned up.
 */
export function turnUp(
  steps: readonly number[],
  values: readonly number[],
  threshold = 0.15,
  ratio = 1.25,
  least = 3,
): TurnUp | null {
  const usable = steps.map((s, i) => [s, values[i]!] as const).filter(([, v]) => Number.isFinite(v));
  if (usable.length < least + 1) return null;
  let from = 0;
  const means = usable.slice(least - 1).map(([step], k) => {
    const i = k + least - 1;
    while (from < i - least + 1 && usable[from]![0] < step / ratio) from++;
    return { step, v: median(usable.slice(from, i + 1).map(([, v]) => v)) };
  });
  let low = means[0]!;
  let best: TurnUp | null = null;
  for (const m of means) {
    if (m.v < low.v) low = m;
    const rise = low.v > 0 ? m.v / low.v - 1 : 0;
    if (rise >= threshold && (!best || rise > best.rise))
      best = { step: low.step, min: low.v, peakStep: m.step, peak: m.v, rise, latest: 0 };
  }
  if (!best) return null;
  best.latest = means[means.length - 1]!.v;
  return best;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
