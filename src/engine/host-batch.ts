/**
 * A feature task's training rows on the host (toy points, table rows: the task keeps them for
 * its views), with the teacher's cached logits read back once when the session starts. The
 * lean step forms build a batch from them in JavaScript and upload each of its tensors once,
 * instead of uploading the row indices and gathering inputs, labels and teacher logits on the
 * device: three kernels fewer a step, and on wasm the gathers were among the slowest of the
 * toy step's kernels (tfjs-wasm 4.22 gathers element by element). The values are the same.
 */
import * as tf from '@tensorflow/tfjs';
import type { BatchPlan } from './batches';
import type { StepBatch } from './feature-batch';
import type { TaskData } from './task-data';
import type { FrozenTeacher } from './teacher';

/** At most this many floats of rows and logits are copied to the host (8 MB). */
const HOST_ROWS_LIMIT = 1 << 21;

export interface HostRows {
  /** Example shape, and floats per example. */
  shape: number[];
  width: number;
  x: Float32Array;
  y: Int32Array;
  classes: number;
  logits: Float32Array;
  /** The teacher's class per row: the label of a transfer row. */
  teacherClasses: Int32Array;
}

/** The host rows of a task that keeps its training inputs on the host and varies none of them. */
export async function readHostRows(data: TaskData, teacher: FrozenTeacher): Promise<HostRows | undefined> {
  const { trainX: x, trainY: y } = data.host;
  const width = data.inputShape.reduce((a, b) => a * b, 1);
  if (!x || !y || data.augment || x.length !== y.length * width) return undefined;
  if (y.length * (width + data.classes) > HOST_ROWS_LIMIT) return undefined;
  const logits = (await teacher.trainLogits.data()) as Float32Array;
  return { shape: data.inputShape, width, x, y, classes: data.classes, logits, teacherClasses: teacher.trainClasses };
}

/**
 * The batch featureBatch builds with the cache on and no features, row for row: labelled rows
 * then transfer rows, a transfer row labelled with the teacher's class and masked out of the
 * hard-label loss.
 */
export function hostBatch(rows: HostRows, plan: BatchPlan): StepBatch {
  const { width, classes } = rows;
  const nL = plan.labelled.length;
  const n = nL + plan.transfer.length;
  const order = plan.transfer.length ? Int32Array.from([...plan.labelled, ...plan.transfer]) : plan.labelled;
  const x = new Float32Array(n * width);
  const logits = new Float32Array(n * classes);
  const labels = new Int32Array(n);
  // Plain loops: a subarray per row costs more than the copy itself at these widths.
  for (let i = 0; i < n; i++) {
    const row = order[i]!;
    for (let k = 0, from = row * width, to = i * width; k < width; k++) x[to + k] = rows.x[from + k]!;
    for (let k = 0, from = row * classes, to = i * classes; k < classes; k++) logits[to + k] = rows.logits[from + k]!;
    labels[i] = i < nL ? rows.y[row]! : rows.teacherClasses[row]!;
  }
  return {
    x: tf.tensor(x, [n, ...rows.shape]),
    labels: tf.tensor1d(labels, 'int32'),
    labelMask: plan.transfer.length
      ? tf.tensor1d(Float32Array.from({ length: n }, (_, i) => (i < nL ? 1 : 0)))
      : undefined,
    teacherLogits: tf.tensor2d(logits, [n, classes]),
  };
}
