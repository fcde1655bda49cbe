import type { JsonObject } from '../../lib/json';

/**
 * TABLE_CONFIG as it was when the table task joined link format 2 (config version 2), as plain
 * data: links of that format are diffs against it, so it must never change (src/share/bases.ts says why).
 */
export const TABLE_BASE_V2: JsonObject = {
  version: 2,
  seed: 42,
  task: {
    kind: 'table',
    dataset: {
      name: 'penguins.csv',
      sha256: 'bba73b900cdbf538b203fab76ef708c47c42d1738dbdbf381c17d89014eaac7a',
      bytes: 13486,
      sample: 'data/penguins/penguins.csv',
    },
    labelColumn: 'Species',
    missing: 'drop',
    testFraction: 0.3,
    features: 9,
    classes: 3,
    classNames: ['Adelie', 'Chinstrap', 'Gentoo'],
  },
  teacher: { model: { kind: 'mlp', hidden: [32, 32], activation: 'relu' }, trainSteps: 400, lr: 0.01 },
  student: { kind: 'mlp', hidden: [8], activation: 'tanh' },
  lanes: [
    {
      objective: 'hinton',
      params: { T: 4, alpha: 0.9, t2: 1 },
      schedule: { temperature: 'constant', temperatureEnd: 1, warmup: 0 },
    },
  ],
  train: {
    optimizer: 'adam',
    lr: 0.01,
    momentum: 0.9,
    batchSize: 64,
    steps: 2000,
    stepsPerFrame: 5,
    evalEvery: 10,
    teacherCache: true,
  },
  backend: 'auto',
};
