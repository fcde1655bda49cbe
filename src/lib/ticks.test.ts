import { describe, expect, it } from 'vitest';
import { minMaxIndices } from './downsample';
import { logDomain, logTicks, niceDomain, niceTicks } from './ticks';

describe('niceTicks', () => {
  it('picks round steps', () => {
    expect(niceTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0, 3000)).toEqual([0, 500, 1000, 1500, 2000, 2500, 3000]);
    expect(niceTicks(0.013, 0.087, 4)).toEqual([0.02, 0.04, 0.06, 0.08]);
  });
  it('widens a domain to round ends', () => {
    expect(niceDomain(0.13, 0.87)).toEqual([0, 1]);
    expect(niceDomain(3, 3)).toEqual([2.7, 3.3]);
  });
});

describe('log axis', () => {
  it('widens to 1–2–5 ends: an untrained student near 78 over a teacher at 4.1', () => {
    expect(logDomain(4.1, 78)).toEqual([2, 100]);
    expect(logDomain(4.34, 49)).toEqual([2, 50]);
    expect(logDomain(1, 1000)).toEqual([1, 1000]);
    expect(logDomain(0.013, 0.9)).toEqual([0.01, 1]);
    // Less than a factor of 2: round ends as on a linear axis.
    expect(logDomain(7.9, 8.8)).toEqual([7.8, 8.8]);
  });
  it('ticks at 1, 2, 5, 10, 20, 50, …; powers of 10 only when there would be too many', () => {
    expect(logTicks(2, 100)).toEqual([2, 5, 10, 20, 50, 100]);
    expect(logTicks(0.01, 1)).toEqual([0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1]);
    expect(logTicks(1, 1e6)).toEqual([1, 10, 100, 1000, 10000, 100000, 1e6]);
    expect(logTicks(1.5, 60)).toEqual([2, 5, 10, 20, 50]);
    // Too narrow for three 1–2–5 ticks: linear nice ticks.
    expect(logTicks(5, 10)).toEqual([5, 6, 7, 8, 9, 10]);
    expect(logTicks(7.8, 8.8)).toEqual([7.8, 8, 8.2, 8.4, 8.6, 8.8]);
    expect(logTicks(0, 10)).toEqual([]);
  });
});

describe('minMaxIndices', () => {
  it('keeps everything when short, decimates long series keeping extremes and the last row', () => {
    expect(minMaxIndices([3, 1, 2], 10)).toEqual([0, 1, 2]);
    const v = Array.from({ length: 10_000 }, (_, i) => Math.sin(i / 50));
    v[4321] = 99;
    const idx = minMaxIndices(v, 100);
    expect(idx.length).toBeLessThanOrEqual(201);
    expect(idx).toContain(4321);
    expect(idx.at(-1)).toBe(9999);
    expect([...idx].sort((a, b) => a - b)).toEqual(idx);
  });
});
