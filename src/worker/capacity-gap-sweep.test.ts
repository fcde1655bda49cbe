import { beforeAll, describe, expect, it } from 'vitest';
import { CAPACITY_GAP_BASE, capacityGapSeries, capacityGapSpec } from '../sweeps/capacity-gap';
import type { SweepSpec } from '../sweeps/types';
import { fsAssets } from '../test/assets';
import { tf, useCpu } from '../test/tf';
import { runSweep } from './sweep-runner';

beforeAll(useCpu);

/**
 * The capacity-gap lab's sweep through the real sweep runner: its teacher axis is a string
 * (the shipped teacher's id), so each teacher must be its own session with its own teacher, and
 * the lab's series must come out of what the runner returns.
 */
describe('the capacity-gap sweep (real engine, cpu)', () => {
  it('runs each shipped teacher as its own teacher, and its chart series come from the result', async () => {
    const full = capacityGapSpec([1], 10);
    const spec: SweepSpec = {
      ...full,
      axes: [
        { ...full.axes[0]!, values: ['fashion-cnn-xxs', 'fashion-cnn-xs'] },
        { ...full.axes[1]!, values: [4] },
      ],
    };
    const base = { ...CAPACITY_GAP_BASE, train: { ...CAPACITY_GAP_BASE.train, evalEvery: 10 } };
    const before = tf.memory().numTensors;
    const points = await runSweep(spec, base, { assets: fsAssets });
    expect(tf.memory().numTensors).toBe(before);
    expect(points.map((p) => p.values)).toEqual([
      ['fashion-cnn-xxs', 4],
      ['fashion-cnn-xs', 4],
    ]);
    const [small, larger] = points.map((p) => p.runs[0]!.teacher.teacherAccuracy!);
    expect(small).toBeGreaterThan(0.6);
    expect(larger).toBeGreaterThan(small!);
    const series = capacityGapSeries({ spec, points });
    expect(series).toHaveLength(1);
    expect(series[0]!.points.map((p) => p.teacher)).toEqual(['fashion-cnn-xxs', 'fashion-cnn-xs']);
    expect(series[0]!.points[0]!.ratio).toBeLessThan(series[0]!.points[1]!.ratio);
  }, 120_000);
});
