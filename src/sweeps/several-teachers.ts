/**
 * The several-teachers lab as a sweep (issue 17 §5): the labelled fraction × how the three shipped
 * Fashion-MNIST teachers are mixed, on a few seeds, each run a Hinton KD lane from the mix and a
 * labels-only lane. The claim to check: with few labels, a student of the mix beats every teacher
 * alone, i.e. student − best single teacher rises above zero. Pure: no tfjs.
 */
import { lane } from '../config/lanes';
import { FASHION_TEACHERS } from '../config/models';
import type { ExperimentConfig } from '../config/schema';
import { TEACHER_MIXES } from '../lib/ensemble';
import { IMAGE_CONFIG } from '../tasks/images/defaults';
import type { PointResult, SweepResult, SweepSpec } from './types';

export const SEVERAL_TEACHERS_LAB = 'several-teachers';

/** RunResult.teacher keys of each member's own accuracy: "memberAccuracy0" is the chosen teacher. */
export const MEMBER_ACCURACY = 'memberAccuracy';

export const LABELLED_FRACTIONS = [0.01, 0.03, 0.1] as const;

const [MAIN, ...OTHERS] = FASHION_TEACHERS;

/** The several-teachers preset's experiment: the three teachers averaged, a KD lane and a labels-only lane. */
export const SEVERAL_TEACHERS_BASE: ExperimentConfig = {
  ...IMAGE_CONFIG,
  task: { ...IMAGE_CONFIG.task, labelledFraction: 0.01 },
  teacher: {
    ...IMAGE_CONFIG.teacher,
    model: { kind: 'pretrained', id: MAIN },
    ensemble: { with: OTHERS.map((id) => ({ kind: 'pretrained' as const, id })), mix: 'average' },
  },
  lanes: [lane('hinton'), lane('baseline')],
  train: { ...IMAGE_CONFIG.train, steps: 1000, evalEvery: 100 },
};

/** Labelled fraction × mix, on `seeds`, each run `steps` steps. */
export function severalTeachersSpec(seeds: number[] = [1, 2], steps = 1000): SweepSpec & { lab: string } {
  return {
    lab: SEVERAL_TEACHERS_LAB,
    title: `Several teachers: labelled fraction × mix (${seeds.length} seeds, ${steps} steps)`,
    axes: [
      { path: 'task.labelledFraction', values: [...LABELLED_FRACTIONS], label: 'Labelled fraction' },
      { path: 'teacher.ensemble.mix', values: [...TEACHER_MIXES], label: 'Mix' },
    ],
    seeds,
    steps,
  };
}

export interface TeachersPoint {
  fraction: number;
  /** Student accuracy − the best member's accuracy, mean over runs. */
  gap: number;
  accuracy: number;
  bestTeacher: number;
  runs: number;
}

/** One line of the chart: the KD student of one mix, or the labels-only student. */
export interface TeachersSeries {
  name: string;
  points: TeachersPoint[];
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** The best member's accuracy in a run, or NaN when the run has no member accuracies. */
export function bestMember(teacher: Record<string, number>): number {
  const accs = Object.entries(teacher)
    .filter(([k, v]) => k.startsWith(MEMBER_ACCURACY) && Number.isFinite(v))
    .map(([, v]) => v);
  return accs.length ? Math.max(...accs) : NaN;
}

/** (fraction, gap) from the runs of some points at one lane; null when no run has both numbers. */
function pointOf(fraction: number, points: PointResult[], laneIndex: number): TeachersPoint | null {
  const runs = points
    .flatMap((p) => p.runs)
    .map((r) => ({ acc: r.lanes[laneIndex]?.studentAccuracy ?? NaN, best: bestMember(r.teacher) }))
    .filter((r) => Number.isFinite(r.acc) && Number.isFinite(r.best));
  if (runs.length === 0) return null;
  const accuracy = mean(runs.map((r) => r.acc));
  const bestTeacher = mean(runs.map((r) => r.best));
  return { fraction, gap: mean(runs.map((r) => r.acc - r.best)), accuracy, bestTeacher, runs: runs.length };
}

/**
 * Chart series from a several-teachers sweep: one per mix (its KD lane, lane 0), then the
 * labels-only lane (lane 1, every mix's runs pooled: it never sees the teacher), points by
 * labelled fraction. Fractions with no finished run are left out, and lines with no point.
 */
export function severalTeachersSeries(result: Pick<SweepResult, 'spec' | 'points'>): TeachersSeries[] {
  const f = result.spec.axes.findIndex((a) => a.path === 'task.labelledFraction');
  const m = result.spec.axes.findIndex((a) => a.path === 'teacher.ensemble.mix');
  if (f < 0 || m < 0) return [];
  const fractions = [...new Set(result.points.map((p) => Number(p.values[f])))].sort((a, b) => a - b);
  const mixes = [...new Set(result.points.map((p) => String(p.values[m])))];
  const line = (name: string, pick: (p: PointResult) => boolean, laneIndex: number): TeachersSeries => ({
    name,
    points: fractions.flatMap((fraction) => {
      const point = pointOf(
        fraction,
        result.points.filter((p) => Number(p.values[f]) === fraction && pick(p)),
        laneIndex,
      );
      return point ? [point] : [];
    }),
  });
  const series = [
    ...mixes.map((mix) => line(`KD from the mix: ${mix}`, (p) => String(p.values[m]) === mix, 0)),
    line('labels only', () => true, 1),
  ];
  return series.filter((s) => s.points.length > 0);
}
