import type { JsonObject } from '../../lib/json';

/**
 * TOY_CONFIG as it was when link format 2 was made (config version 2), as plain data: links of
 * that format are diffs against it, so it must never change (src/share/bases.ts says why).
 */
export const TOY2D_BASE_V2: JsonObject = {
  version: 2,
  seed: 42,
  task: { kind: 'toy2d', dataset: 'spiral', classes: 3, noise: 0.15, points: 900, testFraction: 0.3 },
  teacher: { model: { kind: 'mlp', hidden: [48, 48], activation: 'relu' }, trainSteps: 600, lr: 0.01 },
  student: { kind: 'mlp', hidden: [10], activation: 'tanh' },
  lanes: [
    {
      objective: 'hinton',
      params: { T: 4, alpha: 0.9, t2: 1 },
      schedule: { temperature: 'constant', temperatureEnd: 1, warmup: 0 },
    },
  ],
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
