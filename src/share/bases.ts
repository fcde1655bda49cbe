/**
 * What a link's diff is applied to. A link stores only the fields that differ from a base
 * experiment, so the base is part of the link format: if links were diffed against the live
 * DEFAULT_CONFIG, changing a default (say the learning rate) would silently change every
 * experiment already shared. So each link format freezes its bases here, as plain data.
 *
 * - Changing a default in config/defaults.ts needs nothing here: old and new links keep
 *   decoding against these values, new links just grow by the changed fields. To make them
 *   short again, add a new link format with new bases (formats.ts, LINK_FORMATS).
 * - A new task kind needs its default experiment added here (a copy of TASK_DEFAULTS[kind] as
 *   data); a test fails until it is.
 * - A new config version needs a new link format: these are version-2 experiments, and a
 *   link's diff is applied to its own version's base before it is migrated.
 */

type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };
export type JsonObject = { readonly [key: string]: Json };

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/**
 * DEFAULT_CONFIG, IMAGE_CONFIG and TEXT_CONFIG as they were when link format 2 was made (config
 * version 2; the text task joined version 2 before any link to it existed).
 */
export const BASES_V2: Readonly<Record<string, JsonObject>> = deepFreeze({
  toy2d: {
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
  },
  images: {
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
  },
  text: {
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
  },
});
