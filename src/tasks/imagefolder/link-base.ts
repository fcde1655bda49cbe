import type { JsonObject } from '../../lib/json';

/**
 * IMAGEFOLDER_CONFIG as it was when this task joined link format 2 (config version 2), as plain
 * data: links of that format are diffs against it, so it must never change (src/share/bases.ts).
 */
export const IMAGEFOLDER_BASE_V2: JsonObject = {
  version: 2,
  seed: 42,
  task: {
    kind: 'imagefolder',
    dataset: {
      name: 'fashion-sample.zip',
      sha256: 'c5cc60de87f9a631cc210cfa19d7704bdf9a36e5193e3789e7661eb76ca962e5',
      bytes: 96903,
      sample: 'data/imagefolder/fashion-sample.zip',
    },
    size: 28,
    channels: 1,
    testFraction: 0.2,
    labelledFraction: 0.25,
    augment: { shift: 0, flip: false, noise: 0 },
    mixup: 0,
    gapSampling: false,
    classes: 4,
    classNames: ['bag', 'dress', 'sneaker', 'trouser'],
    images: 160,
  },
  teacher: { model: { kind: 'cnn', filters: [8, 16], hidden: [32], activation: 'relu' }, trainSteps: 300, lr: 0.003 },
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
    batchSize: 32,
    steps: 1000,
    stepsPerFrame: 2,
    evalEvery: 25,
    teacherCache: true,
  },
  backend: 'auto',
};
