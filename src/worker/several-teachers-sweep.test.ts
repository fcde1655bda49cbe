import { beforeAll, describe, expect, it } from 'vitest';
import { SEVERAL_TEACHERS_BASE, severalTeachersSeries, severalTeachersSpec } from '../sweeps/several-teachers';
import type { SweepSpec } from '../sweeps/types';
import { fsAssets } from '../test/assets';
import { useCpu } from '../test/tf';
import { runSweep } from './sweep-runner';

beforeAll(useCpu);

/** The several-teachers sweep through the real runner: each run carries every member's own accuracy. */
describe('the several-teachers sweep (real engine, cpu)', () => {
  it('records each shipped teacher’s accuracy beside the mix’s, and its chart series come from the result', async () => {
    const full = severalTeachersSpec([1], 10);
    const spec: SweepSpec = {
      ...full,
      axes: [
        { ...full.axes[0]!, values: [0.1] },
        { ...full.axes[1]!, values: ['average'] },
      ],
    };
    const base = {
      ...SEVERAL_TEACHERS_BASE,
      task: { ...SEVERAL_TEACHERS_BASE.task, trainImages: 500, testImages: 200 },
      train: { ...SEVERAL_TEACHERS_BASE.train, evalEvery: 10 },
    };
    const points = await runSweep(spec, base, { assets: fsAssets });
    const teacher = points[0]!.runs[0]!.teacher;
    const members = [teacher.memberAccuracy0!, teacher.memberAccuracy1!, teacher.memberAccuracy2!];
    for (const a of members) expect(a).toBeGreaterThan(0.6);
    expect(Math.abs(teacher.teacherAccuracy! - Math.max(...members))).toBeLessThan(0.1);
    // The average mix mostly follows its members: each agrees with it on most test images.
    for (const i of [0, 1, 2]) expect(teacher[`memberAgreement${i}`]).toBeGreaterThan(0.7);
    const series = severalTeachersSeries({ spec, points });
    expect(series.map((s) => s.name)).toEqual(['KD from the mix: average', 'labels only']);
    expect(series[0]!.points[0]!.bestTeacher).toBe(Math.max(...members));
  }, 180_000);
});
