import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../config/schema';
import { paramCount } from '../../lib/param-count';
import { isToyGapPoint, TOY_CAPACITY_GAP_BASE, toyCapacityGapSeries, toyCapacityGapSpec } from './capacity-gap';
import type { PointResult } from '../../sweeps/types';

/** A made-up result: accuracy per teacher width × student width, two seeds (±0.01 around it). */
function fixture(acc: Record<number, Record<number, number>>) {
  const spec = toyCapacityGapSpec([1, 2]);
  const points: PointResult[] = [];
  for (const [teacher, byWidth] of Object.entries(acc))
    for (const [width, a] of Object.entries(byWidth))
      points.push({
        values: [Number(teacher), Number(width)],
        runs: [1, 2].map((seed) => ({
          seed,
          lanes: [{ studentAccuracy: a + (seed === 1 ? -0.01 : 0.01), agreement: a + 0.05 }],
          teacher: { teacherAccuracy: 0.95 },
          steps: 600,
        })),
      });
  return { spec, points, base: TOY_CAPACITY_GAP_BASE };
}

describe('the toy capacity-gap lab', () => {
  it('runs five teacher widths against three student widths, from a valid toy experiment', () => {
    const spec = toyCapacityGapSpec([1, 2, 3], 300);
    expect(spec.axes.map((a) => [a.path, a.values.length])).toEqual([
      ['teacher.model.hidden.0', 5],
      ['student.hidden.0', 3],
    ]);
    expect(spec.steps).toBe(300);
    expect(validateConfig(TOY_CAPACITY_GAP_BASE).ok).toBe(true);
    expect(isToyGapPoint(TOY_CAPACITY_GAP_BASE)).toBe(true);
  });

  it('sizes teachers from their width (2 → w → 3 weights and biases) and marks each student’s best', () => {
    const series = toyCapacityGapSeries(
      fixture({ 4: { 2: 0.6, 8: 0.7 }, 16: { 2: 0.66, 8: 0.8 }, 64: { 2: 0.62, 8: 0.9 } }),
    );
    expect(series.map((s) => s.width)).toEqual([2, 8]);
    const [w2, w8] = series as [(typeof series)[0], (typeof series)[0]];
    // 2·w + w + 3·w + 3 weights: 27 for the width-4 teacher, 15 for the width-2 student.
    expect(w2.params).toBe(15);
    expect(w2.points.map((p) => p.teacher)).toEqual(['MLP 4', 'MLP 16', 'MLP 64']);
    expect(w2.points[0]!.ratio).toBeCloseTo(27 / 15, 10);
    expect(w2.points[2]!.ratio).toBeCloseTo(
      paramCount({ kind: 'mlp', hidden: [64], activation: 'relu' }, [2], 3)! / 15,
      10,
    );
    expect(w2.best.teacher).toBe('MLP 16');
    expect(w8.best.teacher).toBe('MLP 64');
    expect(w2.best.accuracy).toBeCloseTo(0.66, 10);
    expect(w2.best.accuracySd).toBeCloseTo(Math.SQRT2 * 0.01, 10);
  });

  it('says nothing for a Fashion capacity-gap sweep or a non-ladder experiment', () => {
    expect(
      toyCapacityGapSeries({
        spec: { axes: [{ path: 'teacher.model.id', values: ['fashion-cnn'] }], seeds: [1], steps: 1 },
        points: [],
      }),
    ).toEqual([]);
    expect(
      isToyGapPoint({
        ...TOY_CAPACITY_GAP_BASE,
        teacher: { ...TOY_CAPACITY_GAP_BASE.teacher, model: { kind: 'mlp', hidden: [48, 48], activation: 'relu' } },
      }),
    ).toBe(false);
  });
});
