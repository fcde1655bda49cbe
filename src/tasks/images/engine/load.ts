/**
 * Fashion-MNIST on the device: pixels scaled to [0, 1] as [N, 28, 28, 1] tensors, the labelled
 * split of the data budget, and host copies of the test images for the gallery.
 */
import * as tf from '@tensorflow/tfjs';
import type { ImageTask } from '../schema';
import { FASHION_CLASSES, FASHION_DIR, FASHION_FILES, validateFashion, type FashionParts } from '../fashion';
import { labelledSplit } from '../split';
import { augmentImages, augmenting } from './augment';
import { unpackedSize, type Assets, type FilesMeta } from '../../../engine/assets';
import type { TaskData } from '../../../engine/task-data';

export type LoadProgress = (loadedBytes: number, totalBytes: number) => void;

export async function loadImages(
  task: ImageTask,
  seed: number,
  assets: Assets,
  onProgress?: LoadProgress,
): Promise<TaskData> {
  // Progress over the four files together; each file reports its own share and the total grows
  // as they arrive. meta.json gives each file's unpacked size, the total when a server sends the
  // files content-encoded (Vite's dev server does).
  const meta = await assets.json<FilesMeta>(`${FASHION_DIR}/${FASHION_FILES.meta}`).catch(() => undefined);
  const parts = Object.keys(FASHION_FILES).filter((k) => k !== 'meta') as (keyof FashionParts)[];
  const loaded: Record<string, [number, number]> = {};
  const report = () => {
    const [l, t] = Object.values(loaded).reduce(([a, b], [c, d]) => [a + c, b + d], [0, 0]);
    onProgress?.(l, t);
  };
  const files = await Promise.all(
    parts.map((p) =>
      assets.bytes(
        `${FASHION_DIR}/${FASHION_FILES[p]}`,
        (l, t) => {
          loaded[p] = [l, t];
          report();
        },
        unpackedSize(meta, FASHION_FILES[p]),
      ),
    ),
  );
  const full = Object.fromEntries(parts.map((p, i) => [p, files[i]!])) as unknown as FashionParts;
  const problem = validateFashion(full);
  if (problem) throw new Error(`The Fashion-MNIST files are damaged: ${problem}`);
  // The shipped files are in a seeded, shuffled order: their first N rows are a fair sample.
  const nTrain = Math.min(task.trainImages, full.trainLabels.length);
  const nTest = Math.min(task.testImages, full.testLabels.length);
  const data: FashionParts = {
    trainImages: full.trainImages.subarray(0, nTrain * 784),
    trainLabels: full.trainLabels.subarray(0, nTrain),
    testImages: full.testImages.slice(0, nTest * 784),
    testLabels: full.testLabels.subarray(0, nTest),
  };

  const toImages = (bytes: Uint8Array) =>
    tf.tidy(() => tf.div(tf.tensor4d(bytes, [bytes.length / 784, 28, 28, 1], 'int32').toFloat(), 255) as tf.Tensor4D);
  const trainX = toImages(data.trainImages);
  const testX = toImages(data.testImages);
  const trainY = tf.tensor1d(Int32Array.from(data.trainLabels), 'int32');
  const testY = tf.tensor1d(Int32Array.from(data.testLabels), 'int32');
  const split = labelledSplit(data.trainLabels, FASHION_CLASSES.length, task.labelledFraction, seed);
  return {
    kind: 'images',
    inputShape: [28, 28, 1],
    ...(augmenting(task) && { augment: (x, rng) => augmentImages(x as tf.Tensor4D, task, rng) }),
    perClassGap: true,
    gapSampling: task.gapSampling,
    saliencyProbe: true,
    classes: FASHION_CLASSES.length,
    trainX,
    trainY,
    testX,
    testY,
    labelled: split.labelled,
    transfer: split.transfer,
    host: {
      trainY: Int32Array.from(data.trainLabels),
      testY: Int32Array.from(data.testLabels),
      testImages: data.testImages,
      classNames: [...FASHION_CLASSES],
    },
    dispose: () => [trainX, testX, trainY, testY].forEach((t) => t.dispose()),
  };
}
