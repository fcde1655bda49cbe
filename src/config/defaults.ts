import { defaultParams, getObjective } from '../objectives';
import { DEFAULT_SCHEDULE } from '../objectives/schedule';
import {
  CONFIG_VERSION,
  type ExperimentConfig,
  type ImageTask,
  type Lane,
  type MlpSpec,
  type PretrainedSpec,
  type StudentSpec,
  type TextTask,
  type Toy2dTask,
} from './schema';

/** A lane running the given objective with its default parameters. */
export function laneFor(objectiveId: string): Lane {
  return {
    objective: objectiveId,
    params: defaultParams(getObjective(objectiveId)),
    schedule: { ...DEFAULT_SCHEDULE },
  };
}

/** An experiment on a toy 2D task (teacher and student are MLPs). */
export type ToyExperiment = ExperimentConfig & {
  task: Toy2dTask;
  teacher: ExperimentConfig['teacher'] & { model: MlpSpec };
  student: MlpSpec;
};

/** An experiment on images (a pretrained teacher). */
export type ImageExperiment = ExperimentConfig & {
  task: ImageTask;
  teacher: ExperimentConfig['teacher'] & { model: PretrainedSpec };
};

/**
 * The experiment a new visitor sees: a three-armed spiral, a 2-48-48-3 teacher and a
 * 2-10-3 student (about 40× fewer parameters), Hinton KD at T = 4, α = 0.9.
 */
export const DEFAULT_CONFIG: ToyExperiment = {
  version: CONFIG_VERSION,
  seed: 42,
  task: { kind: 'toy2d', dataset: 'spiral', classes: 3, noise: 0.15, points: 900, testFraction: 0.3 },
  teacher: { model: { kind: 'mlp', hidden: [48, 48], activation: 'relu' }, trainSteps: 600, lr: 0.01 },
  student: { kind: 'mlp', hidden: [10], activation: 'tanh' },
  lanes: [laneFor('hinton')],
  train: {
    optimizer: 'adam',
    lr: 0.02,
    momentum: 0.9,
    batchSize: 64,
    steps: 3000,
    stepsPerFrame: 5,
    evalEvery: 10,
    teacherCache: true,
  },
  backend: 'auto',
};

/** Student presets for images, smallest first. */
export const IMAGE_STUDENTS: Record<
  'linear' | 'tinyMlp' | 'smallMlp' | 'smallCnn',
  { label: string; spec: StudentSpec }
> = {
  linear: { label: 'Linear', spec: { kind: 'mlp', hidden: [], activation: 'relu' } },
  tinyMlp: { label: 'Tiny MLP (16)', spec: { kind: 'mlp', hidden: [16], activation: 'relu' } },
  smallMlp: { label: 'Small MLP (64)', spec: { kind: 'mlp', hidden: [64], activation: 'relu' } },
  smallCnn: {
    label: 'Small CNN (4, 8 → 32)',
    spec: { kind: 'cnn', filters: [4, 8], hidden: [32], activation: 'relu' },
  },
};

/**
 * Fashion-MNIST: the shipped CNN teacher distilled into a small MLP, with a 10% labelled
 * budget (the other 90% are a transfer set only the teacher labels).
 */
export const IMAGE_CONFIG: ImageExperiment = {
  ...DEFAULT_CONFIG,
  task: {
    kind: 'images',
    dataset: 'fashion-mnist',
    trainImages: 12000,
    testImages: 2000,
    labelledFraction: 0.1,
    augment: { shift: 0, flip: false, noise: 0 },
    mixup: 0,
    gapSampling: false,
  },
  teacher: { model: { kind: 'pretrained', id: 'fashion-cnn' }, trainSteps: 0, lr: 0.01 },
  student: IMAGE_STUDENTS.smallMlp.spec,
  lanes: [laneFor('hinton')],
  train: { ...DEFAULT_CONFIG.train, lr: 0.003, batchSize: 64, steps: 2000, stepsPerFrame: 2, evalEvery: 50 },
};

/** An experiment on text (the pretrained character transformer teaches). */
export type TextExperiment = ExperimentConfig & {
  task: TextTask;
  teacher: ExperimentConfig['teacher'] & { model: PretrainedSpec };
};

/** Student presets for text, largest first (the teacher is 4 layers × 96, 463 k weights). */
export const TEXT_STUDENTS: Record<
  'smallTransformer' | 'tinyTransformer' | 'windowMlp',
  { label: string; spec: StudentSpec }
> = {
  smallTransformer: {
    label: 'Small transformer (2 × 48)',
    spec: { kind: 'transformer', layers: 2, width: 48, heads: 4 },
  },
  tinyTransformer: {
    label: 'Tiny transformer (1 × 32)',
    spec: { kind: 'transformer', layers: 1, width: 32, heads: 2 },
  },
  windowMlp: {
    label: 'Window MLP (8 characters)',
    spec: { kind: 'window-mlp', window: 8, embed: 16, hidden: [128], activation: 'relu' },
  },
};

/**
 * Moby-Dick, character by character: the shipped 4-layer transformer distilled into a
 * 2-layer one with token-level forward KL at T = 1 (the usual setting for language models).
 */
export const TEXT_CONFIG: TextExperiment = {
  ...DEFAULT_CONFIG,
  task: {
    kind: 'text',
    dataset: 'moby-dick',
    context: 64,
    onPolicy: 0,
    sequenceKd: false,
    samplingTemperature: 0.9,
    sampleEvery: 100,
    prompt: 'the whale ',
    evalWindows: 64,
    studentVocab: 'shared',
  },
  teacher: { model: { kind: 'pretrained', id: 'char-transformer' }, trainSteps: 0, lr: 0.01 },
  student: TEXT_STUDENTS.smallTransformer.spec,
  lanes: [{ ...laneFor('hinton'), params: { ...laneFor('hinton').params, T: 1, alpha: 0.9 } }],
  train: { ...DEFAULT_CONFIG.train, lr: 0.003, batchSize: 32, steps: 3000, stepsPerFrame: 1, evalEvery: 50 },
};

/** The default experiment of each task kind (the task picker switches between them). */
export const TASK_DEFAULTS: Record<ExperimentConfig['task']['kind'], ExperimentConfig> = {
  toy2d: DEFAULT_CONFIG,
  images: IMAGE_CONFIG,
  text: TEXT_CONFIG,
};
