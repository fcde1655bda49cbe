import type { JsonObject } from '../../lib/json';

/**
 * TEXTFILE_CONFIG as it was when the text file task joined link format 2 (config version 2),
 * as plain data: links of that format are diffs against it, so it must never change
 * (src/share/bases.ts says why). A link to another file carries its DatasetRef and vocabulary.
 */
export const TEXTFILE_BASE_V2: JsonObject = {
  version: 2,
  seed: 42,
  task: {
    kind: 'textfile',
    dataset: {
      name: 'moby-dick-sample.txt',
      sha256: '711963c0e6fa49b3d5863afd1088aac6e140f90ecd025e690c6408d6325a4b27',
      bytes: 59569,
      sample: 'data/textfile/sample.txt',
    },
    context: 32,
    onPolicy: 0,
    sequenceKd: false,
    samplingTemperature: 0.9,
    sampleEvery: 100,
    prompt: 'The whale ',
    evalWindows: 64,
    testFraction: 0.1,
    vocab: '\n !"\'(),-.0123456789:;?ABCDEFGHIJKLMNOPQRSTUVWXYabcdefghijklmnopqrstuvwxyz—',
    characters: 59295,
  },
  teacher: { model: { kind: 'transformer', layers: 2, width: 64, heads: 4 }, trainSteps: 300, lr: 0.003 },
  student: { kind: 'transformer', layers: 1, width: 32, heads: 2 },
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
    steps: 2000,
    stepsPerFrame: 1,
    evalEvery: 50,
    teacherCache: true,
  },
  backend: 'auto',
};
