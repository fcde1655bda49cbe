/** The toy 2D task's pure part: seeded points of a few classes, MLP teacher and student. */
import { LANE_METRICS, TEACHER_METRICS } from '../../metrics';
import { GRID_SIZE } from '../../lib/grid';
import { rowTaskSizes } from '../sizes';
import { defineTask, type TaskIssue } from '../types';
import { toyClassCount } from './datasets';
import { TOY_CONFIG } from './defaults';
import { TOY_PRESETS } from './presets';
import { toyPreview } from './preview';
import type { Toy2dTask } from './schema';

export const toy2d = defineTask({
  kind: 'toy2d',
  label: 'Toy 2D classification',
  defaults: TOY_CONFIG,
  studentPresets: [],
  presets: TOY_PRESETS,
  inputShape: () => [2],
  classes: (task: Toy2dTask) => toyClassCount(task),
  studentClasses: (task: Toy2dTask) => toyClassCount(task),
  rowsPerExample: () => 1,
  sizes: (task: Toy2dTask) => {
    const test = Math.round(task.points * task.testFraction);
    return rowTaskSizes({ train: task.points - test, test, width: 2, grid: GRID_SIZE * GRID_SIZE });
  },
  sharedVocabulary: () => true,
  // Imported layers models fit the feature-vector tasks (their shapes are checked on import).
  checkModels(cfg) {
    const issues: TaskIssue[] = [];
    if (cfg.teacher.model.kind !== 'mlp' && cfg.teacher.model.kind !== 'imported')
      issues.push({
        path: ['teacher', 'model', 'kind'],
        message: 'Toy 2D tasks train an MLP teacher or use an imported one',
      });
    if (cfg.student.kind !== 'mlp' && cfg.student.kind !== 'imported')
      issues.push({ path: ['student', 'kind'], message: 'Toy 2D tasks use MLP students (a CNN needs images)' });
    return issues;
  },
  sizeFields: { points: { count: true } },
  fieldLabels: {
    dataset: { label: 'Data set' },
    // A spiral's classes are its arms.
    classes: { label: (task: Toy2dTask) => (task.dataset === 'spiral' ? 'Arms' : 'Classes') },
    noise: { label: 'Noise' },
    points: { label: 'Points' },
    testFraction: { label: 'Test %', scale: 100 },
  },
  liveFields: [],
  laneMetrics: LANE_METRICS,
  teacherMetrics: TEACHER_METRICS,
  preview: toyPreview,
  dataName: (task: Toy2dTask) => task.dataset,
  files: null,
  importRefusal: null,
});
