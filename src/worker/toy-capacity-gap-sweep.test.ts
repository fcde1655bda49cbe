import { beforeAll, describe, expect, it } from 'vitest';
import { TOY_CAPACITY_GAP_BASE, toyCapacityGapSeries, toyCapacityGapSpec } from '../tasks/toy2d/capacity-gap';
import type { SweepSpec } from '../sweeps/types';
import { fsAssets } from '../test/assets';
import { tf, useCpu } from '../test/tf';
import { runSweep } from './sweep-runner';

beforeAll(useCpu);

/**
 * The toy ladder through the real sweep runner: each teacher width is a teacher trained in the
 * run (a larger one fits the spiral better), and the chart's series come from what it returns.
 */
describe('the toy capacity-gap sweep (real engine, cpu)', () => {
  it('trains each teacher width as its own teacher, and its chart series come from the result', async () => {
    const full = toyCapacityGapSpec([1], 20);
    const spec: SweepSpec = {
      ...full,
      axes: [
        { ...full.axes[0]!, values: [4, 64] },
        { ...full.axes[1]!, values: [4] },
      ],
    };
    const base = { ...TOY_CAPACITY_GAP_BASE, train: { ...TOY_CAPACITY_GAP_BASE.train, evalEvery: 20 } };
    const before = tf.memory().numTensors;
    const points = await runSweep(spec, base, { assets: fsAssets });
    expect(tf.memory().numTensors - before).toBeLessThanOrEqual(2 * points.length);
    expect(points.map((p) => p.values)).toEqual([
      [4, 4],
      [64, 4],
    ]);
    const [small, large] = points.map((p) => p.runs[0]!.teacher.teacherAccuracy!);
    expect(large).toBeGreaterThan(small!);
    const series = toyCapacityGapSeries({ spec, points, base });
    expect(series).toHaveLength(1);
    expect(series[0]!.points.map((p) => p.teacher)).toEqual(['MLP 4', 'MLP 64']);
    expect(series[0]!.points[1]!.ratio).toBeCloseTo(387 / 27, 10);
  }, 120_000);
});
