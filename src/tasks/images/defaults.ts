import { experiment } from '../../config/common-defaults';
import type { PretrainedSpec, StudentSpec } from '../../config/models';
import type { ExperimentConfig } from '../../config/schema';
import type { ImageTask } from './schema';

/** An experiment on images (a pretrained teacher). */
export type ImageExperiment = ExperimentConfig & {
  task: ImageTask;
  teacher: ExperimentConfig['teacher'] & { model: PretrainedSpec };
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
export const IMAGE_CONFIG: ImageExperiment = experiment({
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
  train: { lr: 0.003, batchSize: 64, steps: 2000, stepsPerFrame: 2, evalEvery: 50 },
});
