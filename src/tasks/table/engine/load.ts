/**
 * The table on the device: the file read (read.ts) exactly as inspect read it, split by seed
 * and class, standardised with the training rows' statistics. Two features also get the
 * boundary grid the toy task has.
 */
import * as tf from '@tensorflow/tfjs';
import { describeDataset } from '../../../config/dataset';
import { DataFileError, openDataset } from '../../../data/open';
import type { Assets } from '../../../engine/assets';
import type { TaskData } from '../../../engine/task-data';
import { GRID_SIZE, gridPoints } from '../../../lib/grid';
import { encodeRows } from '../encode';
import { readTable, type TableRead } from '../read';
import type { TableTask } from '../schema';
import { stratifiedSplit } from '../split';

/** The boundary maps' square, in standard deviations: the points' extent, padded, at most this. */
const MAX_EXTENT = 4;

/** The file as the task names it; a config that does not match what the file reads as is refused. */
export function readForTask(task: TableTask, bytes: Uint8Array): TableRead {
  const read = readTable(bytes, { name: task.dataset.name, labelColumn: task.labelColumn, missing: task.missing });
  const classes = read.classNames.length;
  if (read.labelColumn !== task.labelColumn || read.features !== task.features || classes !== task.classes)
    throw new DataFileError(
      `${describeDataset(task.dataset)} reads as ${read.features} features and ${classes} classes of “${read.labelColumn}”, not what this experiment says (${task.features} features, ${task.classes} classes of “${task.labelColumn}”): choose the file again in the Data section.`,
    );
  return read;
}

/** Half the side of the square that holds every point, padded by 8%, within ±MAX_EXTENT. */
function extentOf(...xs: Float32Array[]): number {
  let m = 0;
  for (const x of xs) for (const v of x) m = Math.max(m, Math.abs(v));
  return Math.min(MAX_EXTENT, Math.max(1, m * 1.08));
}

export async function loadTable(
  task: TableTask,
  seed: number,
  assets: Assets | undefined,
  onData?: (done: number, total: number) => void,
): Promise<TaskData> {
  const bytes = await openDataset(task.dataset, assets);
  onData?.(bytes.length, bytes.length);
  const read = readForTask(task, bytes);
  const { features: f, classes } = task;
  const { train, test } = stratifiedSplit(read.y, classes, task.testFraction, seed);
  const trainX = encodeRows(read.columns, f, train, train).x;
  const testX = encodeRows(read.columns, f, train, test).x;
  const trainY = Int32Array.from(train, (r) => read.y[r]!);
  const testY = Int32Array.from(test, (r) => read.y[r]!);
  const extent = extentOf(trainX, testX);
  const tensors = {
    trainX: tf.tensor2d(trainX, [train.length, f]),
    trainY: tf.tensor1d(trainY, 'int32'),
    testX: tf.tensor2d(testX, [test.length, f]),
    testY: tf.tensor1d(testY, 'int32'),
    ...(f === 2 && { gridX: tf.tensor2d(gridPoints(GRID_SIZE, extent), [GRID_SIZE * GRID_SIZE, 2]) }),
  };
  return {
    kind: 'table',
    inputShape: [f],
    classes,
    labelled: Int32Array.from({ length: train.length }, (_, i) => i),
    transfer: new Int32Array(0),
    trainX: tensors.trainX,
    trainY: tensors.trainY,
    testX: tensors.testX,
    testY: tensors.testY,
    ...(tensors.gridX && { grid: { x: tensors.gridX, size: GRID_SIZE, extent } }),
    host: { testY, trainY, trainX, testX, classNames: read.classNames },
    dispose: () => Object.values(tensors).forEach((t) => t.dispose()),
  };
}
