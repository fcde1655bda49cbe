import { describe, expect, it } from 'vitest';
import { minMaxIndices } from './downsample';
import { niceDomain, niceTicks } from './ticks';

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
