import { describe, expect, it } from 'vitest';
import { validateConfig } from '../config/schema';
import { CAPACITY_GAP_BASE, capacityGapSeries, capacityGapSpec, studentParams, teacherParams } from './capacity-gap';
import type { PointResult, SweepResult } from './types';

/** A made-up result: accuracy is given per teacher × width, one run per seed (±0.01 around it). */
function fixture(acc: Record<string, Record<number, number>>): Pick<SweepResult, 'spec' | 'points'> {
  const spec = capacityGapSpec([1, 2]);
  const points: PointResult[] = [];
  for (const [teacher, byWidth] of Object.entries(acc))
    for (const [width, a] of Object.entries(byWidth))
      points.push({
        values: [teacher, Number(width)],
        runs: [1, 2].map((seed) => ({
          seed,
          lanes: [{ studentAccuracy: a + (seed === 1 ? -0.01 : 0.01), agreement: a + 0.05 }],
          teacher: { teacherAccuracy: 0.9 },
          steps: 600,
        })),
      });
  return { spec, points };
}

describe('the capacity-gap lab', () => {
  it('runs every teacher against every student width, and its base config is valid', () => {
    const spec = capacityGapSpec([1, 2, 3], 400);
    expect(spec.axes.map((a) => a.values.length)).toEqual([3, 3]);
    expect(spec.seeds).toEqual([1, 2, 3]);
    expect(spec.steps).toBe(400);
    expect(validateConfig(CAPACITY_GAP_BASE).ok).toBe(true);
  });

  it('puts each width on its own line, sorted by size ratio, with the best teacher marked', () => {
    const series = capacityGapSeries(
      fixture({
        'fashion-cnn': { 4: 0.7, 16: 0.82 },
        'fashion-cnn-xs': { 4: 0.74, 16: 0.8 },
        'fashion-cnn-xxs': { 4: 0.72, 16: 0.78 },
      }),
    );
    expect(series.map((s) => s.width)).toEqual([4, 16]);
    const [w4, w16] = series as [(typeof series)[0], (typeof series)[0]];
    expect(w4.points.map((p) => p.teacher)).toEqual(['fashion-cnn-xxs', 'fashion-cnn-xs', 'fashion-cnn']);
    expect(w4.points[0]!.ratio).toBeCloseTo(teacherParams('fashion-cnn-xxs') / studentParams(4), 10);
    expect(w4.best.teacher).toBe('fashion-cnn-xs');
    expect(w16.best.teacher).toBe('fashion-cnn');
    // Mean and sample standard deviation of 0.73 and 0.75.
    expect(w4.best.accuracy).toBeCloseTo(0.74, 10);
    expect(w4.best.accuracySd).toBeCloseTo(Math.SQRT2 * 0.01, 10);
    expect(w4.best.agreement).toBeCloseTo(0.79, 10);
    expect(w4.best.runs).toBe(2);
  });

  it('leaves out points with no run and says nothing for another sweep', () => {
    const r = fixture({ 'fashion-cnn': { 8: 0.8 } });
    r.points.push({ values: ['fashion-cnn-xs', 8], runs: [] });
    expect(capacityGapSeries(r)[0]!.points).toHaveLength(1);
    expect(
      capacityGapSeries({ spec: { axes: [{ path: 'seed', values: [1] }], seeds: [1], steps: 1 }, points: [] }),
    ).toEqual([]);
  });
});
