/**
 * The image-folder task's pure part: the user's own images, one folder per class, with a CNN
 * teacher trained in the browser (or imported) and MLP or CNN students. The shape and classes
 * come from the config, where the worker's inspect step wrote what the file decides.
 */
import { SEQUENCE_STUDENTS } from '../../config/models';
import { LANE_METRICS, TEACHER_METRICS } from '../../metrics';
import { IMAGE_STUDENTS } from '../images/defaults';
import { augmenting } from '../images/augment-settings';
import { AUGMENT_FIELD_LABELS } from '../images/field-labels';
import { rowTaskSizes } from '../sizes';
import { defineTask, type TaskIssue } from '../types';
import { IMAGEFOLDER_CONFIG } from './defaults';
import { IMAGEFOLDER_PRESETS } from './presets';
import { imageFolderPreview } from './preview';

export const imagefolder = defineTask({
  kind: 'imagefolder',
  label: 'Images: your folder',
  defaults: IMAGEFOLDER_CONFIG,
  studentPresets: Object.values(IMAGE_STUDENTS),
  presets: IMAGEFOLDER_PRESETS,
  inputShape: (task) => [task.size, task.size, task.channels],
  classes: (task) => task.classes,
  studentClasses: (task) => task.classes,
  rowsPerExample: () => 1,
  sizes: (task) => {
    const test = Math.round(task.images * task.testFraction);
    return rowTaskSizes({
      train: task.images - test,
      test,
      width: task.size * task.size * task.channels,
      varied: augmenting(task),
      fileBytes: task.dataset.bytes,
    });
  },
  sharedVocabulary: () => true,
  checkModels(cfg) {
    const issues: TaskIssue[] = [];
    const m = cfg.teacher.model.kind;
    if (m !== 'cnn' && m !== 'mlp' && m !== 'imported')
      issues.push({
        path: ['teacher', 'model', 'kind'],
        message: 'An image folder’s teacher is a CNN or an MLP trained here, or an imported model',
      });
    if (SEQUENCE_STUDENTS.includes(cfg.student.kind))
      issues.push({ path: ['student', 'kind'], message: 'Image tasks use MLP, CNN or imported students' });
    if (cfg.task.classNames.length !== cfg.task.classes)
      issues.push({ path: ['task', 'classNames'], message: 'The class names do not match the class count' });
    return issues;
  },
  sizeFields: { size: { count: false }, channels: { count: false } },
  fieldLabels: {
    size: { label: 'Image size' },
    channels: { label: 'Channels' },
    testFraction: { label: 'Test %', scale: 100 },
    labelledFraction: { label: 'Labelled %', scale: 100 },
    ...AUGMENT_FIELD_LABELS,
  },
  liveFields: [],
  laneMetrics: LANE_METRICS,
  teacherMetrics: TEACHER_METRICS,
  preview: imageFolderPreview,
  dataName: (task) => task.dataset.name,
  files: 'the images',
  importRefusal: null,
});
