import { describe, expect, it } from 'vitest';
import { bestMember, severalTeachersSeries, severalTeachersSpec } from './several-teachers';
import type { PointResult, RunResult } from './types';

const run = (seed: number, kd: number, labels: number, members: number[]): RunResult => ({
  seed,
  steps: 10,
  lanes: [{ studentAccuracy: kd }, { studentAccuracy: labels }],
  teacher: { teacherAccuracy: 0.88, ...Object.fromEntries(members.map((a, i) => [`memberAccuracy${i}`, a])) },
});

describe('severalTeachersSeries', () => {
  it('gives student − best member per mix and for the labels-only lane, by labelled fraction', () => {
    const spec = severalTeachersSpec([1, 2], 10);
    const points: PointResult[] = [
      { values: [0.1, 'average'], runs: [run(1, 0.85, 0.7, [0.88, 0.86, 0.84])] },
      { values: [0.01, 'average'], runs: [run(1, 0.8, 0.6, [0.88, 0.86]), run(2, 0.9, 0.5, [0.86, 0.8])] },
      { values: [0.01, 'per-example'], runs: [run(1, 0.89, 0.62, [0.88])] },
      { values: [0.1, 'per-example'], runs: [] },
    ];
    const series = severalTeachersSeries({ spec, points });
    expect(series.map((s) => s.name)).toEqual([
      'KD from the mix: average',
      'KD from the mix: per-example',
      'labels only',
    ]);
    const [average, perExample, labels] = series;
    expect(average!.points.map((p) => p.fraction)).toEqual([0.01, 0.1]);
    // Seed 1: 0.80 − 0.88; seed 2: 0.90 − 0.86; mean −0.02.
    expect(average!.points[0]!.gap).toBeCloseTo(-0.02, 10);
    expect(average!.points[0]!.runs).toBe(2);
    expect(average!.points[1]!.gap).toBeCloseTo(-0.03, 10);
    // A point with no finished run is left out of its line.
    expect(perExample!.points.map((p) => p.fraction)).toEqual([0.01]);
    expect(perExample!.points[0]!.gap).toBeCloseTo(0.01, 10);
    // The labels-only lane pools every mix's runs at a fraction.
    expect(labels!.points[0]!.runs).toBe(3);
    expect(labels!.points[0]!.gap).toBeCloseTo((0.6 - 0.88 + 0.5 - 0.86 + 0.62 - 0.88) / 3, 10);
  });

  it('is empty for a sweep over other axes, and skips runs with no member accuracy', () => {
    expect(severalTeachersSeries({ spec: { axes: [], seeds: [1], steps: 1 }, points: [] })).toEqual([]);
    const spec = severalTeachersSpec([1], 10);
    const noMembers: RunResult = { seed: 1, steps: 10, lanes: [{ studentAccuracy: 0.8 }], teacher: {} };
    expect(severalTeachersSeries({ spec, points: [{ values: [0.01, 'average'], runs: [noMembers] }] })).toEqual([]);
    expect(bestMember({ teacherAccuracy: 0.9, memberAccuracy0: 0.8, memberAccuracy1: NaN })).toBe(0.8);
  });
});
