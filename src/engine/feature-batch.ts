/**
 * One step's shared batch on a feature task (points, images): labelled rows and transfer rows,
 * the teacher's outputs on them, and which labels are real. Inside the step's tidy.
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../lib/rng';
import type { BatchPlan } from './batches';
import { hostBatch, type HostRows } from './host-batch';
import { stepForms } from './step-forms';
import type { TaskData } from './task-data';
import type { FrozenTeacher } from './teacher';

/** What one lane trains on in one step. */
export interface StepBatch {
  x: tf.Tensor;
  labels: tf.Tensor1D;
  mask?: tf.Tensor1D;
  labelMask?: tf.Tensor1D;
  teacherLogits: tf.Tensor2D;
  teacherFeatures?: tf.Tensor2D;
}

/**
 * The batch of one step: inputs, labels (the teacher's class on transfer rows), which labels
 * are real, and the teacher's outputs. Transfer rows may be varied (`data.augment`); varied rows
 * (and every row when the cache is off) need a teacher forward pass, the rest reuse the cache.
 * With the host's copy of the rows (`host`, host-batch.ts), the lean step forms build the same
 * batch there whenever it needs no teacher pass and no features.
 */
export function featureBatch(
  data: TaskData,
  teacher: FrozenTeacher,
  plan: BatchPlan,
  teacherCache: boolean,
  needFeatures: boolean,
  augmentRng: Rng,
  host?: HostRows,
): StepBatch {
  if (host && teacherCache && !needFeatures && stepForms() === 'lean') return hostBatch(host, plan, data, teacher);
  const nL = plan.labelled.length;
  const nT = plan.transfer.length;
  const rows = (idx: Int32Array) => tf.tensor1d(idx, 'int32');
  const lIdx = rows(plan.labelled);
  const xL = tf.gather(data.trainX, lIdx);
  const augment = nT > 0 ? data.augment : undefined;
  let x = xL;
  let labels = tf.gather(data.trainY, lIdx) as tf.Tensor1D;
  let labelMask: tf.Tensor1D | undefined;
  let teacherLogits: tf.Tensor2D;
  let teacherFeatures: tf.Tensor2D | undefined;
  const cached = (idx: tf.Tensor1D) => ({
    logits: tf.gather(teacher.trainLogits, idx) as tf.Tensor2D,
    features: needFeatures ? (tf.gather(teacher.trainFeatures, idx) as tf.Tensor2D) : undefined,
  });
  const live = (input: tf.Tensor) => {
    const out = teacher.model.forward(input);
    return { logits: out.logits, features: needFeatures ? out.features : undefined };
  };
  if (nT === 0) {
    const t = teacherCache ? cached(lIdx) : live(x);
    teacherLogits = t.logits;
    teacherFeatures = t.features;
  } else {
    const tIdx = rows(plan.transfer);
    let xT = tf.gather(data.trainX, tIdx);
    if (augment) xT = augment(xT, augmentRng);
    x = tf.concat([xL, xT]);
    const tL = teacherCache ? cached(lIdx) : live(xL);
    const tT = teacherCache && !augment ? cached(tIdx) : live(xT);
    teacherLogits = tf.concat([tL.logits, tT.logits]) as tf.Tensor2D;
    teacherFeatures = needFeatures ? (tf.concat([tL.features!, tT.features!]) as tf.Tensor2D) : undefined;
    labels = tf.concat([labels, tf.cast(tf.argMax(tT.logits, -1), 'int32')]) as tf.Tensor1D;
    labelMask = tf.tensor1d(Float32Array.from({ length: nL + nT }, (_, i) => (i < nL ? 1 : 0)));
  }
  return { x, labels, labelMask, teacherLogits, teacherFeatures };
}
