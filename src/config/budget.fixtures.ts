/**
 * Experiments at the schema's limits, one per task: every value valid on its own, the largest
 * it may be. Together far over the budget (config/budget.ts): the budget, link and browser
 * tests open them as links and expect a notice, never gigabytes.
 */
import { TASK_DEFAULTS, laneFor } from './defaults';
import { MAX_LANES, type ExperimentConfig } from './schema';

type Task = ExperimentConfig['task'];

const lanes = (objective: string) => Array.from({ length: MAX_LANES }, () => laneFor(objective));
const train = {
  optimizer: 'adam' as const,
  lr: 0.01,
  momentum: 0.9,
  batchSize: 1024,
  steps: 1_000_000,
  stepsPerFrame: 500,
  evalEvery: 1,
  teacherCache: false,
};
const wide = { kind: 'mlp' as const, hidden: [512, 512, 512, 512, 512, 512], activation: 'gelu' as const };
const bigCnn = { kind: 'cnn' as const, filters: [64, 64, 64], hidden: [512, 512], activation: 'gelu' as const };
const bigTransformer = { kind: 'transformer' as const, layers: 6, width: 256, heads: 8 };
const language = { context: 64, onPolicy: 1, sequenceKd: true, evalWindows: 512 };

/** The 67-character link of issue 14: the text default with a batch of 1,024 windows. */
export const TEXT_BATCH_1024 = 'v=2&c=N4IgLghgzg1gdDAlgOwCYgFzgKYA8wgA04AThCnAEYRgDGAFgMqIBe2mAjAAwBMALAF8gA&play=1';

export const LARGEST: Readonly<Record<string, ExperimentConfig>> = {
  toy2d: {
    ...TASK_DEFAULTS.toy2d,
    task: { ...TASK_DEFAULTS.toy2d.task, classes: 8, noise: 1, points: 5000, testFraction: 0.6 } as Task,
    teacher: { model: wide, trainSteps: 20_000, lr: 0.01 },
    student: wide,
    lanes: lanes('hinton'),
    train,
  },
  images: {
    ...TASK_DEFAULTS.images,
    task: {
      ...TASK_DEFAULTS.images.task,
      trainImages: 12_000,
      testImages: 2000,
      labelledFraction: 1,
      augment: { shift: 4, flip: true, noise: 0.5 },
      mixup: 2,
      gapSampling: true,
    } as Task,
    student: bigCnn,
    lanes: lanes('hinton'),
    train,
  },
  text: {
    ...TASK_DEFAULTS.text,
    task: { ...TASK_DEFAULTS.text.task, ...language },
    student: bigTransformer,
    lanes: lanes('hinton'),
    train,
  },
  table: {
    ...TASK_DEFAULTS.table,
    task: {
      ...TASK_DEFAULTS.table.task,
      dataset: { ...(TASK_DEFAULTS.table.task as { dataset: object }).dataset, bytes: 50 * 1024 * 1024 },
      features: 1024,
      classes: 100,
      classNames: Array.from({ length: 100 }, (_, i) => `class ${i}`),
    } as Task,
    teacher: { model: wide, trainSteps: 20_000, lr: 0.01 },
    student: wide,
    lanes: lanes('hinton'),
    train,
  },
  imagefolder: {
    ...TASK_DEFAULTS.imagefolder,
    task: { ...TASK_DEFAULTS.imagefolder.task, size: 32, channels: 3, images: 1_000_000 } as Task,
    teacher: { model: bigCnn, trainSteps: 20_000, lr: 0.01 },
    student: bigCnn,
    lanes: lanes('hinton'),
    train,
  },
  textfile: {
    ...TASK_DEFAULTS.textfile,
    task: { ...TASK_DEFAULTS.textfile.task, ...language, characters: 10_000_000 } as Task,
    teacher: { model: bigTransformer, trainSteps: 20_000, lr: 0.01 },
    student: bigTransformer,
    lanes: lanes('hinton'),
    train,
  },
};
