import type { JsonObject } from '../../lib/json';

/**
 * IMAGE_CONFIG as it was when link format 2 was made (config version 2), as plain data: links of
 * that format are diffs against it, so it must never change (src/share/bases.ts says why).
 */
export const IMAGES_BASE_V2: JsonObject = {
  version: 2,
  seed: 42,
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
  student: { kind: 'mlp', hidden: [64], activation: 'relu' },
  lanes: [
    {
      objective: 'hinton',
      params: { T: 4, alpha: 0.9, t2: 1 },
      schedule: { temperature: 'constant', temperatureEnd: 1, warmup: 0 },
    },
  ],
  train: {
    optimizer: 'adam',
    lr: 0.003,
    momentum: 0.9,
    batchSize: 64,
    steps: 2000,
    stepsPerFrame: 2,
    evalEvery: 50,
    teacherCache: true,
  },
  backend: 'auto',
};
