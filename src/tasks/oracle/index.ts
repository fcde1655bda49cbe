/** The oracle task's pure part: a seeded random MLP defines the task; MLP teacher and students. */
import { LANE_METRICS, TEACHER_METRICS } from '../../metrics';
import { GRID_SIZE } from '../../lib/grid';
import { rowTaskSizes } from '../sizes';
import { defineTask, type TaskIssue } from '../types';
import { ORACLE_CONFIG } from './defaults';
import { ORACLE_PRESETS } from './presets';
import { oraclePreview } from './preview';
import type { OracleTask } from './schema';

export const oracle = defineTask({
  kind: 'oracle',
  label: 'Oracle 2D (teacher hacking)',
  defaults: ORACLE_CONFIG,
  studentPresets: [],
  presets: ORACLE_PRESETS,
  inputShape: () => [2],
  classes: (task: OracleTask) => task.classes,
  studentClasses: (task: OracleTask) => task.classes,
  rowsPerExample: () => 1,
  sizes: (task: OracleTask) => ({
    ...rowTaskSizes({ train: task.teacherPoints, test: task.testPoints, width: 2, grid: GRID_SIZE * GRID_SIZE }),
    // Each step's inputs are new to the teacher (fresh draws, or pool rows it has no cache for).
    teacherEveryStep: true,
  }),
  sharedVocabulary: () => true,
  checkModels(cfg) {
    const issues: TaskIssue[] = [];
    if (cfg.teacher.model.kind !== 'mlp')
      issues.push({ path: ['teacher', 'model', 'kind'], message: 'The oracle task trains an MLP teacher' });
    if (cfg.student.kind !== 'mlp')
      issues.push({ path: ['student', 'kind'], message: 'The oracle task uses MLP students' });
    return issues;
  },
  sizeFields: { teacherPoints: { count: true }, pool: { count: true }, testPoints: { count: true } },
  fieldLabels: {
    classes: { label: 'Classes' },
    oracleWidth: { label: 'Oracle width' },
    sharpness: { label: 'Oracle sharpness' },
    teacherPoints: { label: 'Teacher points' },
    pool: { label: 'Pool size' },
    testPoints: { label: 'Held-out points' },
    laneData: { label: 'Inputs per student' },
  },
  liveFields: [],
  laneMetrics: LANE_METRICS,
  teacherMetrics: TEACHER_METRICS,
  preview: oraclePreview,
  dataName: () => 'oracle',
  files: null,
  importRefusal: 'The oracle task trains its own MLP teacher from the oracle',
});
