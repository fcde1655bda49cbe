import { TOY_EXTENT, generateToy, splitToy } from './datasets';
import { GRID_SIZE } from '../../lib/grid';
import type { Toy2dTask } from './schema';

/** Host copies of a toy task's points, sent as soon as the config is known. */
export interface ToyPreview {
  kind: 'toy2d';
  classes: number;
  classNames?: undefined;
  trainX: Float32Array;
  trainY: Int32Array;
  testX: Float32Array;
  testY: Int32Array;
  /** Views span [-extent, extent]². */
  extent: number;
  gridSize: number;
}

/** The points themselves: they are cheap to make, and the same seed makes the same ones. */
export function toyPreview(task: Toy2dTask, seed: number): ToyPreview {
  const { train, test } = splitToy(generateToy(task, seed), task.testFraction);
  return {
    kind: 'toy2d',
    classes: train.classes,
    trainX: train.x,
    trainY: train.y,
    testX: test.x,
    testY: test.y,
    extent: TOY_EXTENT,
    gridSize: GRID_SIZE,
  };
}
