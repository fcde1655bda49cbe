/**
 * A lane's teacher targets when the teacher gives it only its top k (lanes.N.teacherTopK): the
 * maths of src/lib/top-k.ts on tensors, inside the step's tape, with no read-back. The result
 * is what every objective reads as "teacher logits": at T = 1 its softmax is the truncated
 * target; at another T the objective tempers it as it does any logits (for `zero` that is
 * p_i^(1/T) / Σ_kept p^(1/T) on the kept classes, DistillKit's `zero` with a temperature change).
 */
import * as tf from '@tensorflow/tfjs';
import { LOG_ZERO, UNIFORM_FLOOR, truncatesAt, type MissingProbability } from '../lib/top-k';

/** What a lane keeps of the teacher: its top k, and what becomes of the rest. */
export interface LaneTopK {
  k: number;
  missing: MissingProbability;
}

/** The lane's top-k setting from its config, or undefined when it takes the whole distribution. */
export function laneTopK(
  cfg: { teacherTopK?: number; missingProbability?: MissingProbability },
  classes: number,
): LaneTopK | undefined {
  return truncatesAt(cfg.teacherTopK, classes)
    ? { k: cfg.teacherTopK, missing: cfg.missingProbability ?? 'zero' }
    : undefined;
}

/** The truncated targets of a batch of teacher logits [rows, classes]. */
export function topKTargets(teacherLogits: tf.Tensor2D, { k, missing }: LaneTopK): tf.Tensor2D {
  return tf.tidy(() => {
    const V = teacherLogits.shape[1];
    const logp = tf.logSoftmax(teacherLogits);
    const { values, indices } = tf.topk(logp, k);
    const keptMask = tf.oneHot(indices, V).sum(1).greater(0);
    const kept = tf.minimum(tf.exp(values).sum(1, true), 1);
    const fill =
      missing === 'zero'
        ? tf.fill([teacherLogits.shape[0], 1], LOG_ZERO)
        : tf.log(tf.maximum(tf.sub(1, kept).div(V - k), UNIFORM_FLOOR));
    const keptLogp = missing === 'zero' ? tf.sub(logp, tf.log(kept)) : logp;
    return tf.where(keptMask, keptLogp, tf.mul(tf.onesLike(logp), fill)) as tf.Tensor2D;
  });
}
