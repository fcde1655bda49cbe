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
  /** Where the curve was lowest, and its value there. */
  step: number;
  min: number;
  /** The mean of the last `tail` values, and how far above the minimum it is (0.25: 25%). */
  latest: number;
  rise: number;
}

/**
 * Whether a curve that should fall turned up: its latest values (the mean of the last `tail`,
 * to ride over evaluation noise) stand at least `threshold` above its minimum, and that minimum
 * came before them. Null while it has not.
 */
export function turnUp(steps: readonly number[], values: readonly number[], threshold = 0.1, tail = 3): TurnUp | null {
  const usable = steps.map((s, i) => [s, values[i]!] as const).filter(([, v]) => Number.isFinite(v));
  if (usable.length < tail + 2) return null;
  let best = 0;
  usable.forEach(([, v], i) => {
    if (v < usable[best]![1]) best = i;
  });
  if (best >= usable.length - tail) return null;
  const last = usable.slice(-tail);
  const latest = last.reduce((a, [, v]) => a + v, 0) / tail;
  const [step, min] = usable[best]!;
  const rise = min > 0 ? latest / min - 1 : Infinity;
  return rise >= threshold ? { step, min, latest, rise } : null;
}
