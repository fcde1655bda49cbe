import * as tf from '@tensorflow/tfjs';
import type { Toy2dTask } from '../schema';
import { TOY_EXTENT, generateToy, splitToy } from '../datasets';
import { GRID_SIZE, gridPoints } from '../../../lib/grid';
import type { TaskData } from '../../../engine/task-data';

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
