import { experiment } from '../../config/common-defaults';
import type { DatasetRef } from '../../config/dataset';
import type { ExperimentConfig } from '../../config/schema';
import { IMAGE_STUDENTS } from '../images/defaults';
import type { ImageFolderTask } from './schema';

/**
 * The folder shipped with the app (npm run data:imagefolder-fixture): 4 Fashion-MNIST classes ×
 * 40 grey 28×28 PNGs, one folder per class. The task's default, so it works offline.
 */
export const IMAGEFOLDER_SAMPLE: { label: string; ref: DatasetRef } = {
  label: '4 Fashion-MNIST classes × 40 images',
  ref: {
    name: 'fashion-sample.zip',
    sha256: 'c5cc60de87f9a631cc210cfa19d7704bdf9a36e5193e3789e7661eb76ca962e5',
    bytes: 96903,
    sample: 'data/imagefolder/fashion-sample.zip',
  },
};

export type ImageFolderExperiment = ExperimentConfig & { task: ImageFolderTask };

/** The sample folder: a CNN trained in the browser, distilled into a small MLP with a quarter of the labels. */
export const IMAGEFOLDER_CONFIG: ImageFolderExperiment = experiment({
  task: {
    kind: 'imagefolder',
    dataset: IMAGEFOLDER_SAMPLE.ref,
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
  // A CNN trained here on the labels: there is no shipped teacher for someone's own images.
  teacher: { model: { kind: 'cnn', filters: [8, 16], hidden: [32], activation: 'relu' }, trainSteps: 300, lr: 0.003 },
  student: IMAGE_STUDENTS.smallMlp.spec,
  train: { lr: 0.003, batchSize: 32, steps: 1000, stepsPerFrame: 2, evalEvery: 25 },
});
