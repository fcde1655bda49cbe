/** Tick step near (hi − lo)/count, rounded to 1, 2 or 5 × 10^k (d3.tickIncrement's rule). */
function tickStep(lo: number, hi: number, count: number): number {
  const raw = (hi - lo) / Math.max(1, count);
  const step = Math.pow(10, Math.floor(Math.log10(raw)));
  const error = raw / step;
  return step * (error >= Math.sqrt(50) ? 10 : error >= Math.sqrt(10) ? 5 : error >= Math.SQRT2 ? 2 : 1);
}

/** "Nice" axis ticks inside [lo, hi], about `count` of them. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  if (lo === hi) return [lo];
  const step = tickStep(lo, hi, count);
  const ticks: number[] = [];
  for (let i = Math.ceil(lo / step - 1e-9); i * step <= hi + step * 1e-9; i++) ticks.push(+(i * step).toPrecision(12));
  return ticks;
}

/** Extends [lo, hi] outwards to the nearest nice steps, so lines never touch the frame. */
export function niceDomain(lo: number, hi: number, count = 5): [number, number] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [0, 1];
  if (lo === hi) return lo === 0 ? [0, 1] : [lo - Math.abs(lo) * 0.1, hi + Math.abs(hi) * 0.1];
  const step = tickStep(lo, hi, count);
  return [+(Math.floor(lo / step) * step).toPrecision(12), +(Math.ceil(hi / step) * step).toPrecision(12)];
}

/** The 1–2–5 values of each decade: 1, 2, 5, 10, 20, 50, … (and 0.5, 0.2, 0.1, … below 1). */
function oneTwoFive(k: number, m: 1 | 2 | 5): number {
  return +(m * Math.pow(10, k)).toPrecision(12);
}

/**
 * Ends of a log axis: [lo, hi] (both > 0) widened to the nearest 1–2–5 values, so 4.1 to 78
 * becomes [2, 100]; a range narrower than a factor of 2 gets round ends as on a linear axis
 * (7.9 to 8.8: [7.8, 8.8]). Not for values ≤ 0 (a log axis has no place for them).
 */
export function logDomain(lo: number, hi: number): [number, number] {
  if (!(lo > 0) || !(hi > 0) || !Number.isFinite(lo) || !Number.isFinite(hi)) return [1, 10];
  if (hi < lo) [lo, hi] = [hi, lo];
  // Less than a factor of 2: 1–2–5 ends would leave the data a sliver; round ends as on a linear axis.
  if (hi < 2 * lo) {
    const [a, b] = niceDomain(lo, hi, 4);
    if (a > 0) return [a, b];
  }
  const below = (v: number) => {
    const k = Math.floor(Math.log10(v) + 1e-12);
    const m = v / Math.pow(10, k);
    return oneTwoFive(k, m >= 5 - 1e-9 ? 5 : m >= 2 - 1e-9 ? 2 : 1);
  };
  const above = (v: number) => {
    const k = Math.floor(Math.log10(v) + 1e-12);
    const m = v / Math.pow(10, k);
    return m <= 1 + 1e-9
      ? oneTwoFive(k, 1)
      : m <= 2 + 1e-9
        ? oneTwoFive(k, 2)
        : m <= 5 + 1e-9
          ? oneTwoFive(k, 5)
          : oneTwoFive(k + 1, 1);
  };
  const a = below(lo);
  const b = above(hi);
  return a === b ? [below(a * 0.99), above(b * 1.01)] : [a, b];
}

/**
 * Ticks of a log axis on [lo, hi] (both > 0): 1, 2, 5 × 10^k inside it; only the powers of 10
 * when that would be more than `max`; linear nice ticks when the range is too narrow for three
 * (7 to 9 gets 7, 7.5, 8, …).
 */
export function logTicks(lo: number, hi: number, max = 8): number[] {
  if (!(lo > 0) || !(hi > lo) || !Number.isFinite(hi)) return [];
  const ticks: number[] = [];
  for (let k = Math.floor(Math.log10(lo)) - 1; k <= Math.ceil(Math.log10(hi)); k++)
    for (const m of [1, 2, 5] as const) {
      const t = oneTwoFive(k, m);
      if (t >= lo * (1 - 1e-9) && t <= hi * (1 + 1e-9)) ticks.push(t);
    }
  if (ticks.length > max) return ticks.filter((t) => Math.abs(Math.log10(t) - Math.round(Math.log10(t))) < 1e-9);
  if (ticks.length < 3) return niceTicks(lo, hi, 4).filter((t) => t > 0);
  return ticks;
}
