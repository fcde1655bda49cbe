import type { JsonObject } from '../../lib/json';

/**
 * TEXT_CONFIG as it was when link format 2 was made (config version 2), as plain data: links of
 * that format are diffs against it, so it must never change (src/share/bases.ts says why).
 */
export const TEXT_BASE_V2: JsonObject = {
  version: 2,
  seed: 42,
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
  student: { kind: 'transformer', layers: 2, width: 48, heads: 4 },
  lanes: [
    {
      objective: 'hinton',
      params: { T: 1, alpha: 0.9, t2: 1 },
      schedule: { temperature: 'constant', temperatureEnd: 1, warmup: 0 },
    },
  ],
  train: {
    optimizer: 'adam',
    lr: 0.003,
    momentum: 0.9,
    batchSize: 32,
    steps: 3000,
    stepsPerFrame: 1,
    evalEvery: 50,
    teacherCache: true,
  },
  backend: 'auto',
};
