import { experiment } from '../../config/common-defaults';
import { lane } from '../../config/lanes';
import type { PretrainedSpec, StudentSpec } from '../../config/models';
import type { ExperimentConfig } from '../../config/schema';
import type { TextTask } from './schema';

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
export const TEXT_CONFIG: TextExperiment = experiment({
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
  lanes: [lane('hinton', { T: 1, alpha: 0.9 })],
  train: { lr: 0.003, batchSize: 32, steps: 3000, stepsPerFrame: 1, evalEvery: 50 },
});
