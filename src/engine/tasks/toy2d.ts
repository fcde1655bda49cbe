import * as tf from '@tensorflow/tfjs';
import type { Toy2dTask } from '../../config/schema';
import { TOY_EXTENT, generateToy, splitToy } from '../../tasks/toy2d/datasets';
import type { TaskData } from './types';

/** Cells per side of the decision-boundary heatmap. */
export const GRID_SIZE = 64;

/** Cell centres of a size×size grid over [-extent, extent]², top row first (y decreasing). */
export function gridPoints(size: number, extent: number): Float32Array {
  const pts = new Float32Array(size * size * 2);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      const i = r * size + c;
      pts[2 * i] = -extent + ((c + 0.5) * 2 * extent) / size;
      pts[2 * i + 1] = extent - ((r + 0.5) * 2 * extent) / size;
    }
  }
  return pts;
}

export function loadToy2d(task: Toy2dTask, seed: number): TaskData {
  const { train, test } = splitToy(generateToy(task, seed), task.testFraction);
  const tensors = {
    trainX: tf.tensor2d(train.x, [train.y.length, 2]),
    trainY: tf.tensor1d(train.y, 'int32'),
    testX: tf.tensor2d(test.x, [test.y.length, 2]),
    testY: tf.tensor1d(test.y, 'int32'),
    gridX: tf.tensor2d(gridPoints(GRID_SIZE, TOY_EXTENT), [GRID_SIZE * GRID_SIZE, 2]),
  };
  const all = Int32Array.from({ length: train.y.length }, (_, i) => i);
  return {
    kind: 'toy2d',
    inputShape: [2],
    classes: train.classes,
    labelled: all,
    transfer: new Int32Array(0),
    trainX: tensors.trainX,
    trainY: tensors.trainY,
    testX: tensors.testX,
    testY: tensors.testY,
    grid: { x: tensors.gridX, size: GRID_SIZE, extent: TOY_EXTENT },
    host: { trainX: train.x, trainY: train.y, testX: test.x, testY: test.y },
    dispose: () => Object.values(tensors).forEach((t) => t.dispose()),
  };
}
