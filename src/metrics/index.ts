/**
 * The metric registry: what the trainer computes on the held-out set at every evaluation. A task
 * chooses its metrics from here (src/tasks/<kind>/index.ts: laneMetrics, teacherMetrics).
 */
import { studentAccuracy, teacherAccuracy } from './accuracy';
import { agreement } from './agreement';
import { studentEce, teacherEce } from './calibration';
import { klTeacherStudent } from './kl';
import type { MetricDef } from './types';

/** Computed for each student lane at every evaluation, in this order. */
export const LANE_METRICS: readonly MetricDef[] = [studentAccuracy, agreement, klTeacherStudent, studentEce];

/** Computed once for the frozen teacher. */
export const TEACHER_METRICS: readonly MetricDef[] = [teacherAccuracy, teacherEce];

export type { MetricDef } from './types';
