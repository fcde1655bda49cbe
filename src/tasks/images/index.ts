/** The image task's pure part: Fashion-MNIST, the shipped CNN teacher, MLP or CNN students. */
import { FASHION_TEACHERS, SEQUENCE_STUDENTS, type PretrainedSpec } from '../../config/models';
import { LANE_METRICS, TEACHER_METRICS } from '../../metrics';
import { rowTaskSizes } from '../sizes';
import { defineTask, type TaskIssue } from '../types';
import { augmenting } from './augment-settings';
import { AUGMENT_FIELD_LABELS } from './field-labels';
import { IMAGE_CONFIG, IMAGE_STUDENTS } from './defaults';
import { FASHION_CLASSES, FASHION_HEIGHT, FASHION_WIDTH } from './fashion';
import { IMAGE_PRESETS } from './presets';
import { TOP_K_PRESETS } from './top-k-presets';
import { imagePreview } from './preview';

const isFashionTeacher = (id: PretrainedSpec['id']) => (FASHION_TEACHERS as readonly string[]).includes(id);

export const images = defineTask({
  kind: 'images',
  label: 'Images: Fashion-MNIST',
  defaults: IMAGE_CONFIG,
  studentPresets: Object.values(IMAGE_STUDENTS),
  presets: [...IMAGE_PRESETS, ...TOP_K_PRESETS],
  inputShape: () => [FASHION_HEIGHT, FASHION_WIDTH, 1],
  classes: () => FASHION_CLASSES.length,
  studentClasses: () => FASHION_CLASSES.length,
  rowsPerExample: () => 1,
  sizes: (task) =>
    rowTaskSizes({
      train: task.trainImages,
      test: task.testImages,
      width: FASHION_HEIGHT * FASHION_WIDTH,
      varied: augmenting(task),
    }),
  sharedVocabulary: () => true,
  checkModels(cfg) {
    const issues: TaskIssue[] = [];
    const m = cfg.teacher.model;
    if (!(m.kind === 'imported' || (m.kind === 'pretrained' && isFashionTeacher(m.id))))
      issues.push({
        path: ['teacher', 'model', 'kind'],
        message: 'Image tasks use the pretrained CNN teacher or an imported one',
      });
    cfg.teacher.ensemble?.with.forEach((t, i) => {
      if (!(t.kind === 'imported' || isFashionTeacher(t.id)))
        issues.push({
          path: ['teacher', 'ensemble', 'with', i],
          message: 'Image tasks mix shipped Fashion-MNIST teachers or imported ones',
        });
    });
    if (SEQUENCE_STUDENTS.includes(cfg.student.kind))
      issues.push({ path: ['student', 'kind'], message: 'Image tasks use MLP, CNN or imported students' });
    return issues;
  },
  sizeFields: { trainImages: { count: true }, testImages: { count: true } },
  fieldLabels: {
    trainImages: { label: 'Training images' },
    testImages: { label: 'Test images' },
    labelledFraction: { label: 'Labelled %', scale: 100 },
    ...AUGMENT_FIELD_LABELS,
  },
  liveFields: [],
  laneMetrics: LANE_METRICS,
  teacherMetrics: TEACHER_METRICS,
  preview: imagePreview,
  dataName: () => 'Fashion-MNIST',
  files: 'the data',
  importRefusal: null,
});
