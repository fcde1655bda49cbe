import { hardLabelLoss, smoothL1 } from './divergences';
import { featuresUnavailable } from './features';
import { defineObjective, type Scalar, type Tensor, type Tf } from './types';

/** Pairwise Euclidean distances with a zero diagonal (mdistiller `_pdist`, eps 1e-12). */
function pdist(tf: Tf, e: Tensor): Tensor {
  const n = e.shape[0]!;
  const sq = tf.sum(tf.square(e), 1);
  const d2 = tf.sub(tf.add(tf.expandDims(sq, 1), tf.expandDims(sq, 0)), tf.mul(tf.matMul(e, e, false, true), 2));
  return tf.mul(tf.sqrt(tf.maximum(d2, 1e-12)), tf.sub(1, tf.eye(n)));
}

/**
 * Distances divided by their mean over positive entries (mdistiller: `d[d > 0].mean()`).
 * Off-diagonal distances are at least √1e-12 > 0 after the clamp, so that mean is over exactly
 * the n(n − 1) off-diagonal entries; counting them directly keeps comparisons (which have no
 * gradient in tfjs) out of the graph.
 */
function normalisedDistances(tf: Tf, e: Tensor): Tensor {
  const n = e.shape[0]!;
  const d = pdist(tf, e);
  return tf.div(d, tf.div(tf.sum(d), n * (n - 1)));
}

/** Cosines of the angles ∠(e_j − e_i, e_k − e_i) for all i, j, k: [n, n, n]. */
function angles(tf: Tf, e: Tensor): Tensor {
  const diff = tf.sub(tf.expandDims(e, 0), tf.expandDims(e, 1)); // [i, j] = e_j − e_i
  // F.normalize divides by max(‖x‖, 1e-12). The diagonal's zero vectors would give the norm a
  // 0/0 gradient, so the norm is √(‖x‖² + 1e-24): the same value, a finite gradient.
  const unit = tf.div(diff, tf.sqrt(tf.add(tf.sum(tf.square(diff), -1, true), 1e-24)));
  return tf.matMul(unit, unit, false, true);
}

/**
 * Relational KD (mdistiller distillers/RKD.py `rkd_loss`): match the *structure* of a batch,
 * not single outputs: pairwise distances (normalised by their mean) and the angles formed by
 * triplets, each compared with smooth-L1. L = CE_w·CE + 25·distance + 50·angle by default.
 */
/** Most rows per batch the angle term can afford (it is cubic in rows). */
export const RKD_MAX_ROWS = 256;

export default defineObjective({
  id: 'rkd',
  name: 'Relational KD (distance + angle)',
  description:
    'Match how the teacher arranges a batch in feature space: the distances between examples and the angles between triplets. The angle term compares all B³ triplets of a batch, so it is slow for large batches.',
  paper: { title: 'Relational Knowledge Distillation', authors: 'Park et al.', year: 2019, venue: 'CVPR' },
  params: [
    {
      key: 'distanceWeight',
      label: 'Distance weight',
      default: 25,
      min: 0,
      max: 100,
      step: 1,
      help: 'mdistiller default 25.',
    },
    {
      key: 'angleWeight',
      label: 'Angle weight',
      default: 50,
      min: 0,
      max: 200,
      step: 1,
      help: 'mdistiller default 50.',
    },
    { key: 'ceWeight', label: 'CE weight', default: 1, min: 0, max: 5, step: 0.1 },
  ],
  components: [
    { key: 'distance', label: 'Distance' },
    { key: 'angle', label: 'Angle' },
    { key: 'ce', label: 'CE(y, q)' },
  ],
  needs: { teacher: true, features: true },
  unavailable(ctx) {
    if (ctx.batchSize < 3) return 'compares pairs and triplets within a batch: needs a batch size of at least 3';
    // The angle term builds a rows × rows × rows tensor: 256 rows is already 16.8 M entries.
    if ((ctx.rows ?? ctx.batchSize) > RKD_MAX_ROWS)
      return `compares every triplet of rows: ${ctx.rows} token rows per batch is too many (at most ${RKD_MAX_ROWS})`;
    return featuresUnavailable(ctx);
  },
  loss(tf, inputs, { distanceWeight = 25, angleWeight = 50, ceWeight = 1 }) {
    const { studentFeatures, teacherFeatures } = inputs;
    if (!studentFeatures || !teacherFeatures) throw new Error('RKD needs hidden features');
    const distance = smoothL1(tf, normalisedDistances(tf, studentFeatures), normalisedDistances(tf, teacherFeatures));
    const angle = smoothL1(tf, angles(tf, studentFeatures), angles(tf, teacherFeatures));
    const ce = hardLabelLoss(tf, inputs);
    const total = tf.addN([
      tf.mul(ce, ceWeight),
      tf.mul(distance, distanceWeight),
      tf.mul(angle, angleWeight),
    ]) as Scalar;
    return { total, parts: { distance, angle, ce } };
  },
});
