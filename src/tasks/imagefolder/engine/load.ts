/**
 * The user's image folder on the device: every image decoded and resized (./read.ts), split
 * into a seeded stratified train/test set (../split.ts) and a labelled budget (the image task's
 * labelledSplit), as [N, size, size, channels] tensors in [0, 1], with host copies of the test
 * images for the gallery.
 */
import * as tf from '@tensorflow/tfjs';
import { DataFileError, openDataset } from '../../../data/open';
import type { Assets } from '../../../engine/assets';
import { PROBE_SIZE } from '../../../engine/evaluation';
import type { TaskData } from '../../../engine/task-data';
import { augmentImages, augmenting } from '../../images/engine/augment';
import { labelledSplit } from '../../images/split';
import type { ImageFolderTask } from '../schema';
import { testSplit } from '../split';
import { readFolder } from './read';

/** The rows `rows` of images of `per` bytes each. */
function gatherRows(pixels: Uint8Array, rows: Int32Array, per: number): Uint8Array {
  const out = new Uint8Array(rows.length * per);
  rows.forEach((r, i) => out.set(pixels.subarray(r * per, (r + 1) * per), i * per));
  return out;
}

export async function loadImageFolder(
  task: ImageFolderTask,
  seed: number,
  assets: Assets | undefined,
  onData?: (done: number, total: number) => void,
): Promise<TaskData> {
  const bytes = await openDataset(task.dataset, assets);
  const read = await readFolder(task, bytes, onData);
  // The file is fixed by its hash, so only an edited link can make these disagree.
  if (read.classNames.join('\n') !== task.classNames.join('\n'))
    throw new DataFileError(
      `The experiment lists other classes than the folders in “${task.dataset.name}”: choose the file again to read its classes.`,
    );
  const { size, channels } = task;
  const shape: [number, number, number] = [size, size, channels];
  const per = size * size * channels;
  const classes = read.classNames.length;
  const { train, test } = testSplit(read.labels, classes, task.testFraction, seed);
  const trainPixels = gatherRows(read.pixels, train, per);
  const testPixels = gatherRows(read.pixels, test, per);
  const trainLabels = Int32Array.from(train, (r) => read.labels[r]!);
  const testLabels = Int32Array.from(test, (r) => read.labels[r]!);
  const toImages = (px: Uint8Array) =>
    tf.tensor4d(
      Float32Array.from(px, (v) => v / 255),
      [px.length / per, ...shape],
    );
  const trainX = toImages(trainPixels);
  const testX = toImages(testPixels);
  const trainY = tf.tensor1d(trainLabels, 'int32');
  const testY = tf.tensor1d(testLabels, 'int32');
  const split = labelledSplit(trainLabels, classes, task.labelledFraction, seed);
  return {
    kind: 'imagefolder',
    inputShape: shape,
    ...(augmenting(task) && { augment: (x, rng) => augmentImages(x as tf.Tensor4D, task, rng) }),
    perClassGap: true,
    gapSampling: task.gapSampling,
    // The probe compares saliency on the first test images: a small folder may have fewer.
    saliencyProbe: test.length >= PROBE_SIZE,
    classes,
    trainX,
    trainY,
    testX,
    testY,
    labelled: split.labelled,
    transfer: split.transfer,
    host: { trainY: trainLabels, testY: testLabels, testImages: testPixels, classNames: read.classNames },
    dispose: () => [trainX, testX, trainY, testY].forEach((t) => t.dispose()),
  };
}
