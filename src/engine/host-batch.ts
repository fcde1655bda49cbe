/**
 * A feature task's training labels on the host (every task keeps them), and where they are
 * small its inputs (toy points, table rows) and the teacher's cached logits (read back once
 * when the session starts). The lean step forms build a batch from them in JavaScript and
 * upload each of its tensors once, gathering on the device only what the host lacks (image
 * pixels, in one gather over all the batch's rows): the reference batch gathers inputs,
 * labels and teacher logits of the labelled and the transfer rows apart, then concatenates
 * them and takes the teacher's classes by argMax (9 WebGPU dispatches for an image batch,
 * 3 kernels for a toy one, among the slowest of the toy step on wasm: tfjs-wasm 4.22 gathers
 * element by element). The values are the same.
 */
import * as tf from '@tensorflow/tfjs';
import type { BatchPlan } from './batches';
import type { StepBatch } from './feature-batch';
import type { TaskData } from './task-data';
import type { FrozenTeacher } from './teacher';

/** Host copies are kept up to this many floats each (8 MB). */
const HOST_LIMIT = 1 << 21;

export interface HostRows {
  y: Int32Array;
  /** The teacher's class per row: the label of a transfer row. */
  teacherClasses: Int32Array;
  /** The inputs, when the task keeps them on the host: example shape, floats per example, values. */
  x?: { shape: number[]; width: number; values: Float32Array };
  /** The teacher's cached logits, when small enough to copy. */
  logits?: { classes: number; values: Float32Array };
}

/** The host rows of a task whose training rows are fixed (no augmentation varies them). */
export async function readHostRows(data: TaskData, teacher: FrozenTeacher): Promise<HostRows | undefined> {
  const { trainX, trainY: y } = data.host;
  if (!y || data.augment || y.length !== data.trainY.shape[0] || y.length === 0) return undefined;
  const width = data.inputShape.reduce((a, b) => a * b, 1);
  const keepX = trainX && trainX.length === y.length * width && trainX.length <= HOST_LIMIT;
  const keepLogits = y.length * data.classes <= HOST_LIMIT;
  return {
    y,
    teacherClasses: teacher.trainClasses,
    x: keepX ? { shape: data.inputShape, width, values: trainX } : undefined,
    logits: keepLogits
      ? { classes: data.classes, values: (await teacher.trainLogits.data()) as Float32Array }
      : undefined,
  };
}

/** Rows `order` of a row-major table of `width` floats per row, copied in plain loops. */
function pick(values: Float32Array, width: number, order: Int32Array): Float32Array {
  const out = new Float32Array(order.length * width);
  for (let i = 0; i < order.length; i++)
    for (let k = 0, from = order[i]! * width, to = i * width; k < width; k++) out[to + k] = values[from + k]!;
  return out;
}

/**
 * The batch featureBatch builds with the cache on and no features, row for row: labelled rows
 * then transfer rows, a transfer row labelled with the teacher's class and masked out of the
 * hard-label loss.
 */
export function hostBatch(rows: HostRows, plan: BatchPlan, data: TaskData, teacher: FrozenTeacher): StepBatch {
  const nL = plan.labelled.length;
  const n = nL + plan.transfer.length;
  const order = plan.transfer.length ? Int32Array.from([...plan.labelled, ...plan.transfer]) : plan.labelled;
  const index = rows.x && rows.logits ? undefined : tf.tensor1d(order, 'int32');
  const labels = Int32Array.from(order, (row, i) => (i < nL ? rows.y[row]! : rows.teacherClasses[row]!));
  return {
    x: rows.x
      ? tf.tensor(pick(rows.x.values, rows.x.width, order), [n, ...rows.x.shape])
      : tf.gather(data.trainX, index!),
    labels: tf.tensor1d(labels, 'int32'),
    labelMask: plan.transfer.length ? tf.tensor1d(Float32Array.from(labels, (_, i) => (i < nL ? 1 : 0))) : undefined,
    teacherLogits: rows.logits
      ? tf.tensor2d(pick(rows.logits.values, rows.logits.classes, order), [n, rows.logits.classes])
      : (tf.gather(teacher.trainLogits, index!) as tf.Tensor2D),
  };
}
