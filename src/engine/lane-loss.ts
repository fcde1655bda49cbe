/**
 * One lane's loss inside the step's gradient tape: its student's forward pass on the lane's
 * batch and its objective's loss, in the step formulation in force (step-forms.ts: the lean
 * forms take an objective's `fusedLoss` where it has one, the same values in fewer kernels).
 */
import * as tf from '@tensorflow/tfjs';
import type { LossResult } from '../objectives/types';
import type { StepBatch } from './feature-batch';
import type { Lane } from './lanes';
import { stepForms } from './step-forms';
import { topKTargets } from './top-k-targets';

export interface LaneLoss {
  /** The scalar the tape differentiates. */
  total: tf.Scalar;
  /** The result, kept past the tape's own tidy (for the record and the state updates). */
  kept: LossResult;
  /** The student's logits, kept when `keepLogits` (the per-class gap reads them). */
  logits?: tf.Tensor2D;
}

export function laneLoss(
  lane: Lane,
  batch: StepBatch,
  params: Record<string, number>,
  progress: { step: number; totalSteps: number },
  keepLogits: boolean,
): LaneLoss {
  const { x, labels, mask, labelMask, teacherFeatures } = batch;
  // A lane that learns from the teacher's top k sees only those (the tape's tidy frees them).
  const teacherLogits = lane.topK ? topKTargets(batch.teacherLogits, lane.topK) : batch.teacherLogits;
  // A training step: an imported student's Dropout and BatchNormalization run as in training.
  const out = lane.student.forward(x, true);
  const loss = (stepForms() === 'lean' && lane.def.fusedLoss) || lane.def.loss;
  const r = loss(
    tf,
    {
      studentLogits: out.logits,
      teacherLogits,
      labels,
      mask,
      labelMask,
      studentFeatures: out.features,
      teacherFeatures,
      step: progress.step,
      totalSteps: progress.totalSteps,
    },
    params,
    lane.state,
  );
  const keepAll = (o: Record<string, tf.Scalar>) =>
    Object.fromEntries(Object.entries(o).map(([k, v]) => [k, tf.keep(v)]));
  return {
    total: r.total,
    kept: { total: tf.keep(r.total), parts: keepAll(r.parts), aux: r.aux && keepAll(r.aux) },
    logits: keepLogits ? tf.keep(out.logits) : undefined,
  };
}
