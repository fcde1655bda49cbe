import { experiment } from '../../config/common-defaults';
import { lane } from '../../config/lanes';
import type { StudentSpec, TransformerSpec } from '../../config/models';
import type { ExperimentConfig } from '../../config/schema';
import { SAMPLE_CHARACTERS, SAMPLE_REF, SAMPLE_VOCAB } from './sample';
import type { TextfileTask } from './schema';

/** An experiment on a text file (a transformer teacher trained here). */
export type TextfileExperiment = ExperimentConfig & {
  task: TextfileTask;
  teacher: ExperimentConfig['teacher'] & { model: TransformerSpec };
};

/** Student presets for a text file, largest first (the teacher is 2 layers × 64). */
export const TEXTFILE_STUDENTS: Record<'tinyTransformer' | 'windowMlp', { label: string; spec: StudentSpec }> = {
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
 * The shipped sample (Moby-Dick's Extracts and a few chapters, 59 kB): a 2 × 64 transformer
 * trained here for 300 steps on 32-character windows, distilled into a 1 × 32 one with
 * token-level forward KL at T = 1. Short windows keep the teacher's training to minutes on a
 * CPU: on a loaded 2-core machine its 300 steps took 3.5 min on WASM in the browser (0.7 s a
 * step), 12.6 min on software WebGL (scripts/textfile/time-teacher.ts times it in Node).
 */
export const TEXTFILE_CONFIG: TextfileExperiment = experiment({
  task: {
    kind: 'textfile',
    dataset: SAMPLE_REF,
    context: 32,
    onPolicy: 0,
    sequenceKd: false,
    samplingTemperature: 0.9,
    sampleEvery: 100,
    prompt: 'The whale ',
    evalWindows: 64,
    testFraction: 0.1,
    vocab: SAMPLE_VOCAB,
    characters: SAMPLE_CHARACTERS,
  },
  teacher: { model: { kind: 'transformer', layers: 2, width: 64, heads: 4 }, trainSteps: 300, lr: 0.003 },
  student: TEXTFILE_STUDENTS.tinyTransformer.spec,
  lanes: [lane('hinton', { T: 1, alpha: 0.9 })],
  train: { lr: 0.003, batchSize: 32, steps: 2000, stepsPerFrame: 1, evalEvery: 50 },
});
