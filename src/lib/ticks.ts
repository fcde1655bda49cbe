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
