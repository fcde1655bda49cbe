import type { JsonObject } from '../../lib/json';

/**
 * ORACLE_CONFIG as it was when the oracle task joined link format 2 (config version 2), as plain
 * data: links to it are diffs against this, so it must never change (src/share/bases.ts says why).
 */
export const ORACLE_BASE_V2: JsonObject = {
  version: 2,
  seed: 42,
  task: {
    kind: 'oracle',
    classes: 3,
    oracleWidth: 64,
    sharpness: 5,
    teacherPoints: 3000,
    pool: 8,
    testPoints: 1000,
    laneData: ['pool', 'fresh'],
  },
  teacher: { model: { kind: 'mlp', hidden: [32, 32], activation: 'relu' }, trainSteps: 1500, lr: 0.01 },
  student: { kind: 'mlp', hidden: [64, 64], activation: 'relu' },
  lanes: [
    {
      objective: 'hinton',
      params: { T: 1, alpha: 1, t2: 0 },
      schedule: { temperature: 'constant', temperatureEnd: 1, warmup: 0 },
    },
    {
      objective: 'hinton',
      params: { T: 1, alpha: 1, t2: 0 },
      schedule: { temperature: 'constant', temperatureEnd: 1, warmup: 0 },
    },
  ],
  train: {
    optimizer: 'adam',
    lr: 0.003,
    momentum: 0.9,
    batchSize: 32,
    steps: 6000,
    stepsPerFrame: 10,
    evalEvery: 20,
    teacherCache: true,
  },
  backend: 'auto',
};
