/** The metric registry: what the trainer computes on the held-out set at every evaluation. */
import { studentAccuracy, teacherAccuracy } from './accuracy';
import { agreement } from './agreement';
import { studentEce, teacherEce } from './calibration';
import { klTeacherStudent } from './kl';
import { studentPerplexity, teacherPerplexity } from './perplexity';
import type { MetricDef } from './types';

/** Computed for each student lane at every evaluation, in this order. */
export const LANE_METRICS: readonly MetricDef[] = [studentAccuracy, agreement, klTeacherStudent, studentEce];

/** Computed once for the frozen teacher. */
export const TEACHER_METRICS: readonly MetricDef[] = [teacherAccuracy, teacherEce];

export type { MetricDef } from './types';

/** Language models are also judged by perplexity. */
const TEXT_LANE_METRICS: readonly MetricDef[] = [...LANE_METRICS, studentPerplexity];
const TEXT_TEACHER_METRICS: readonly MetricDef[] = [...TEACHER_METRICS, teacherPerplexity];

export type TaskKind = 'toy2d' | 'images' | 'text';

export const laneMetrics = (task: TaskKind): readonly MetricDef[] =>
  task === 'text' ? TEXT_LANE_METRICS : LANE_METRICS;
export const teacherMetrics = (task: TaskKind): readonly MetricDef[] =>
  task === 'text' ? TEXT_TEACHER_METRICS : TEACHER_METRICS;
