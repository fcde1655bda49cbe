/**
 * The default experiment as config version 1 had it (git show 7607288:src/config/defaults.ts),
 * as data: the migration tests, the link tests and the golden-link script all start from it.
 */
export const V1_DEFAULT = {
  version: 1,
  seed: 42,
  task: { kind: 'toy2d', dataset: 'spiral', classes: 3, noise: 0.15, points: 900, testFraction: 0.3 },
  teacher: { model: { kind: 'mlp', hidden: [48, 48], activation: 'relu' }, trainSteps: 600, lr: 0.01 },
  student: { kind: 'mlp', hidden: [10], activation: 'tanh' },
  lanes: [{ objective: 'hinton', params: { T: 4, alpha: 0.9, t2: 1 } }],
  train: { optimizer: 'adam', lr: 0.02, momentum: 0.9, batchSize: 64, steps: 3000, stepsPerFrame: 5, evalEvery: 10 },
  backend: 'auto',
};
