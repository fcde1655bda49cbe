/**
 * The capacity-gap lab's toy half (issue 17 §2): a ladder of one-hidden-layer MLP teachers
 * (2 → w → classes, five widths) trained in the browser on the toy 2-D task, × a ladder of
 * smaller MLP students, on a few seeds. The sweep runner trains and caches each teacher per
 * task/teacher/seed. Same claim as the Fashion lab: the teacher/student size ratio at which the
 * student does best should be about the same for every student size. Pure: no tfjs.
 */
import { lane } from '../../config/lanes';
import type { MlpSpec } from '../../config/models';
import type { ExperimentConfig } from '../../config/schema';
import { paramCount } from '../../lib/param-count';
import { TOY_CONFIG, type ToyExperiment } from './defaults';
import { capacityGapSeries, type GapSeries, type GapSizes } from '../../sweeps/capacity-gap';
import type { SweepResult, SweepSpec } from '../../sweeps/types';

export const TOY_CAPACITY_GAP_LAB = 'toy-capacity-gap';

/** The teacher ladder: one hidden layer of these widths. */
export const TOY_TEACHER_WIDTHS = [4, 8, 16, 32, 64] as const;
/** The student ladder, all below the largest teachers. */
export const TOY_STUDENT_WIDTHS = [2, 4, 8] as const;

const TEACHER_PATH = 'teacher.model.hidden.0';

/** The experiment every point starts from: the spiral, a one-layer teacher, a Hinton KD lane. */
export const TOY_CAPACITY_GAP_BASE: ToyExperiment = {
  ...TOY_CONFIG,
  teacher: { ...TOY_CONFIG.teacher, model: { kind: 'mlp', hidden: [TOY_TEACHER_WIDTHS[2]], activation: 'relu' } },
  student: { kind: 'mlp', hidden: [TOY_STUDENT_WIDTHS[1]], activation: 'tanh' },
  lanes: [lane('hinton')],
  train: { ...TOY_CONFIG.train, steps: 600, evalEvery: 100 },
};

/** Teacher width × student width, on `seeds`, each run `steps` steps. */
export function toyCapacityGapSpec(seeds: number[] = [1, 2, 3], steps = 600): SweepSpec & { lab: string } {
  return {
    lab: TOY_CAPACITY_GAP_LAB,
    title: `Toy capacity gap: MLP teachers ${TOY_TEACHER_WIDTHS.join(', ')} × students ${TOY_STUDENT_WIDTHS.join(', ')} (${seeds.length} seeds, ${steps} steps)`,
    axes: [
      { path: TEACHER_PATH, values: [...TOY_TEACHER_WIDTHS], label: 'Teacher width' },
      { path: 'student.hidden.0', values: [...TOY_STUDENT_WIDTHS], label: 'Student width' },
    ],
    seeds,
    steps,
  };
}

/** Is this experiment a point of the toy ladder (one-layer MLP teacher and student)? */
export function isToyGapPoint(config: ExperimentConfig): boolean {
  const t = config.teacher.model;
  return (
    config.task.kind === 'toy2d' &&
    t.kind === 'mlp' &&
    t.hidden.length === 1 &&
    config.student.kind === 'mlp' &&
    config.student.hidden.length === 1
  );
}

/** Sizes from the sweep's base experiment: the widths vary, activations and classes come from it. */
function toySizes(base: ExperimentConfig): GapSizes {
  const classes = base.task.kind === 'toy2d' ? base.task.classes : 3;
  const teacher = base.teacher.model.kind === 'mlp' ? base.teacher.model : TOY_CAPACITY_GAP_BASE.teacher.model;
  const student = base.student.kind === 'mlp' ? base.student : TOY_CAPACITY_GAP_BASE.student;
  const mlp = (m: MlpSpec, width: number) => paramCount({ ...m, hidden: [width] }, [2], classes)!;
  return {
    teacherPath: TEACHER_PATH,
    teacherName: (v) => `MLP ${v}`,
    teacherParams: (v) => mlp(teacher, Number(v)),
    studentParams: (w) => mlp(student, w),
  };
}

/** Chart series of a toy capacity-gap sweep (see capacityGapSeries). */
export function toyCapacityGapSeries(result: Pick<SweepResult, 'spec' | 'points'> & { base?: ExperimentConfig }) {
  return capacityGapSeries(result, toySizes(result.base ?? TOY_CAPACITY_GAP_BASE)) satisfies GapSeries[];
}
