/** The table task's pure part: the user's CSV/TSV (or the shipped penguins), MLP teacher and student. */
import { LANE_METRICS, TEACHER_METRICS } from '../../metrics';
import { GRID_SIZE } from '../../lib/grid';
import { rowTaskSizes } from '../sizes';
import { defineTask, type TaskIssue } from '../types';
import { MAX_TABLE_ROWS } from './limits';
import { TABLE_CONFIG } from './defaults';
import { TABLE_PRESETS } from './presets';
import { tablePreview } from './preview';
import type { TableTask } from './schema';

export const table = defineTask({
  kind: 'table',
  label: 'Table: your CSV or TSV',
  defaults: TABLE_CONFIG,
  studentPresets: [],
  presets: TABLE_PRESETS,
  inputShape: (task: TableTask) => [task.features],
  classes: (task: TableTask) => task.classes,
  studentClasses: (task: TableTask) => task.classes,
  rowsPerExample: () => 1,
  sizes: (task: TableTask) => {
    // The config knows the file's size, not its rows: at least a character and a separator per feature.
    const rows = Math.min(MAX_TABLE_ROWS, Math.ceil(task.dataset.bytes / (2 * task.features)));
    const test = Math.round(rows * task.testFraction);
    return rowTaskSizes({
      train: rows - test,
      test,
      width: task.features,
      // A two-feature table gets the decision-boundary views, and their grid.
      grid: task.features === 2 ? GRID_SIZE * GRID_SIZE : 0,
      fileBytes: task.dataset.bytes,
    });
  },
  sharedVocabulary: () => true,
  // A table's rows are feature vectors: an MLP, or an imported layers model of that input shape.
  checkModels(cfg) {
    const issues: TaskIssue[] = [];
    if (cfg.teacher.model.kind !== 'mlp' && cfg.teacher.model.kind !== 'imported')
      issues.push({
        path: ['teacher', 'model', 'kind'],
        message: 'Table tasks train an MLP teacher or use an imported one',
      });
    if (cfg.student.kind !== 'mlp' && cfg.student.kind !== 'imported')
      issues.push({ path: ['student', 'kind'], message: 'Table tasks use MLP students (a CNN needs images)' });
    return issues;
  },
  sizeFields: {},
  fieldLabels: {
    labelColumn: { label: 'Label column' },
    missing: { label: 'Missing values' },
    testFraction: { label: 'Test %', scale: 100 },
  },
  liveFields: [],
  laneMetrics: LANE_METRICS,
  teacherMetrics: TEACHER_METRICS,
  preview: tablePreview,
  dataName: (task: TableTask) => task.dataset.name.replace(/\.(csv|tsv|tab|txt)$/i, ''),
  files: 'the table',
  importRefusal: null,
});
