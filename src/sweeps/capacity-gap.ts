/**
 * The capacity-gap lab (issue 17 §2; Zhang et al., "Towards the Law of Capacity Gap in Distilling
 * Language Models"): every shipped Fashion-MNIST teacher × a ladder of MLP students, on a few
 * seeds, each run one KD lane for the same budget. The claim to check: the teacher/student size
 * ratio at which the student does best is about the same for every student size. Pure: no tfjs.
 */
import { lane } from '../config/lanes';
import { FASHION_TEACHERS, type FashionTeacher } from '../config/models';
import type { ExperimentConfig } from '../config/schema';
import { paramCount } from '../lib/param-count';
import { IMAGE_CONFIG } from '../tasks/images/defaults';
import type { PointResult, SweepResult, SweepSpec, SweepValue } from './types';

export const CAPACITY_GAP_LAB = 'capacity-gap';

/** The student ladder: one hidden layer of these widths (784 → w → 10). */
export const STUDENT_WIDTHS = [4, 8, 16] as const;

const IMAGE_SHAPE = [28, 28, 1];
const CLASSES = 10;

/** The experiment every point starts from: the image task, a Hinton KD lane, a short budget. */
export const CAPACITY_GAP_BASE: ExperimentConfig = {
  ...IMAGE_CONFIG,
  student: { kind: 'mlp', hidden: [STUDENT_WIDTHS[0]], activation: 'relu' },
  lanes: [lane('hinton')],
  train: { ...IMAGE_CONFIG.train, steps: 600, evalEvery: 100 },
};

/** Teacher size × student width, on `seeds`, each run `steps` steps. */
export function capacityGapSpec(seeds: number[] = [1, 2, 3], steps = 600): SweepSpec & { lab: string } {
  return {
    lab: CAPACITY_GAP_LAB,
    title: `Capacity gap: every shipped teacher × MLP ${STUDENT_WIDTHS.join(', ')} (${seeds.length} seeds, ${steps} steps)`,
    axes: [
      { path: 'teacher.model.id', values: [...FASHION_TEACHERS], label: 'Teacher' },
      { path: 'student.hidden.0', values: [...STUDENT_WIDTHS], label: 'Student width' },
    ],
    seeds,
    steps,
  };
}

export const teacherParams = (id: FashionTeacher): number =>
  paramCount({ kind: 'pretrained', id }, IMAGE_SHAPE, CLASSES)!;
export const studentParams = (width: number): number =>
  paramCount({ kind: 'mlp', hidden: [width], activation: 'relu' }, IMAGE_SHAPE, CLASSES)!;

/** Mean and sample standard deviation (0 for one value). */
function meanSd(xs: number[]): { mean: number; sd: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = xs.length > 1 ? Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1)) : 0;
  return { mean, sd };
}

export interface GapPoint {
  /** The teacher's name on this axis: a shipped teacher's id, or "MLP 16" on the toy ladder. */
  teacher: string;
  /** Teacher parameters / student parameters. */
  ratio: number;
  accuracy: number;
  accuracySd: number;
  agreement: number;
  teacherAccuracy: number;
  runs: number;
}

/** One line of the chart: a student width, its points by ratio, and its best teacher. */
export interface GapSeries {
  width: number;
  params: number;
  points: GapPoint[];
  /** The point of highest mean accuracy (ties: the smaller teacher). */
  best: GapPoint;
}

/** The mean of a metric over a point's runs, lane 0 (the lab's only lane). */
const laneMetric = (p: PointResult, id: string) =>
  meanSd(p.runs.map((r) => r.lanes[0]?.[id]).filter((v): v is number => v !== undefined && Number.isFinite(v)));

/** How a capacity-gap sweep names and sizes its teachers and students. */
export interface GapSizes {
  /** The config path of the teacher axis. */
  teacherPath: string;
  teacherName: (value: SweepValue) => string;
  teacherParams: (value: SweepValue) => number;
  studentParams: (width: number) => number;
}

const FASHION_SIZES: GapSizes = {
  teacherPath: 'teacher.model.id',
  teacherName: (v) => String(v),
  teacherParams: (v) => teacherParams(v as FashionTeacher),
  studentParams,
};

/**
 * Chart series from a capacity-gap sweep: one per student width, points sorted by size ratio.
 * Points with no finished run are left out; a width with none is left out.
 */
export function capacityGapSeries(
  result: Pick<SweepResult, 'spec' | 'points'>,
  sizes: GapSizes = FASHION_SIZES,
): GapSeries[] {
  const t = result.spec.axes.findIndex((a) => a.path === sizes.teacherPath);
  const s = result.spec.axes.findIndex((a) => a.path === 'student.hidden.0');
  if (t < 0 || s < 0) return [];
  const widths = [...new Set(result.points.map((p) => Number(p.values[s])))].sort((a, b) => a - b);
  const series: GapSeries[] = [];
  for (const width of widths) {
    const params = sizes.studentParams(width);
    const points = result.points
      .filter((p) => Number(p.values[s]) === width && p.runs.length > 0)
      .map((p): GapPoint => {
        const teacher = p.values[t]!;
        const acc = laneMetric(p, 'studentAccuracy');
        return {
          teacher: sizes.teacherName(teacher),
          ratio: sizes.teacherParams(teacher) / params,
          accuracy: acc.mean,
          accuracySd: acc.sd,
          agreement: laneMetric(p, 'agreement').mean,
          teacherAccuracy: meanSd(p.runs.map((r) => r.teacher.teacherAccuracy ?? NaN)).mean,
          runs: p.runs.length,
        };
      })
      .filter((p) => Number.isFinite(p.accuracy))
      .sort((a, b) => a.ratio - b.ratio);
    if (points.length === 0) continue;
    const best = points.reduce((b, p) => (p.accuracy > b.accuracy ? p : b));
    series.push({ width, params, points, best });
  }
  return series;
}
