import { beforeAll, describe, expect, it } from 'vitest';
import { laneFor } from '../config/lanes';
import { quickToy } from '../test/controller-harness';
import { useCpu } from '../test/tf';
import { tf } from '../test/tf';
import type { SweepSpec } from '../sweeps/types';
import { runSweep, sharesTeacher, SweepCancelled } from './sweep-runner';

beforeAll(useCpu);

const base = quickToy({ steps: 40, stepsPerFrame: 5 });

describe('the sweep runner (real engine, cpu)', () => {
  it('runs lane-only points as lanes of one session per seed, deterministically, leaking no tensors', async () => {
    const spec: SweepSpec = { axes: [{ path: 'lanes.0.params.T', values: [1, 4] }], seeds: [1, 2], steps: 30 };
    expect(sharesTeacher(spec, base)).toBe(true);
    const before = tf.memory().numTensors;
    const seen: number[] = [];
    const points = await runSweep(spec, base, { onProgress: (p) => seen.push(p.done) });
    expect(tf.memory().numTensors).toBe(before);
    expect(seen).toEqual([0, 2, 4]);
    expect(points.map((p) => p.values)).toEqual([[1], [4]]);
    for (const p of points) {
      expect(p.runs.map((r) => r.seed)).toEqual([1, 2]);
      for (const r of p.runs) {
        expect(r.steps).toBe(30);
        expect(r.lanes).toHaveLength(1);
        expect(r.lanes[0]!.studentAccuracy).toBeGreaterThan(0);
        expect(r.teacher.teacherAccuracy).toBeGreaterThan(0.5);
      }
    }
    const again = await runSweep(spec, base);
    expect(again).toEqual(points);
  });

  it('runs other points one session each, and the verdict’s two lanes side by side', async () => {
    const spec: SweepSpec = { axes: [{ path: 'student.hidden.0', values: [2, 8] }], seeds: [3], steps: 20 };
    expect(sharesTeacher(spec, base)).toBe(false);
    const points = await runSweep(spec, base);
    expect(points[0]!.runs[0]!.teacher).toEqual(points[1]!.runs[0]!.teacher);
    const verdict = await runSweep(
      { axes: [], seeds: [1, 2], steps: 20 },
      { ...base, lanes: [base.lanes[0]!, laneFor('baseline')] },
    );
    expect(verdict).toHaveLength(1);
    expect(verdict[0]!.runs.map((r) => r.lanes.length)).toEqual([2, 2]);
  });

  it('stops between steps when cancelled', async () => {
    const spec: SweepSpec = { axes: [{ path: 'train.lr', values: [0.01, 0.02] }], seeds: [1], steps: 200 };
    await expect(runSweep(spec, base, { cancelled: () => true })).rejects.toBeInstanceOf(SweepCancelled);
  });
});
