import { hardLabelLoss, klRows, maskedMean } from './divergences';
import { temperatureParam } from './distribution';
import { defineObjective, type Scalar, type Tensor, type Tf } from './types';

/** log of [p_y, 1 − p_y] per row, from probabilities and the one-hot gold mask. */
function logBinary(tf: Tf, probs: Tensor, gold: Tensor): Tensor {
  const target = tf.sum(tf.mul(probs, gold), -1);
  const rest = tf.sum(tf.mul(probs, tf.sub(1, gold)), -1);
  // Clamped: a saturated softmax makes 1 − p_y exactly 0 in float32 (the official code logs it raw).
  return tf.log(tf.maximum(tf.stack([target, rest], -1), 1e-12));
}

/**
 * Decoupled KD (mdistiller distillers/DKD.py `dkd_loss`). Classic KD splits into
 *   TCKD = T²·KL(b_t‖b_s) on the binary target-vs-rest distributions, and
 *   NCKD = T²·KL(p̂_t‖p̂_s) among the non-target classes (built, as the official code does, by
 *          subtracting 1000 from the gold logit after dividing by T),
 * with KD·T² = TCKD + (1 − p_t[y])·NCKD. DKD reweights them:
 *   L = CE_w·CE + min(step/warm-up, 1)·(α·TCKD + β·NCKD).
 * Charted separately, the two parts show why plain KD stalls: confident teachers shrink the
 * NCKD weight (1 − p_t[y]).
 */
export default defineObjective({
  id: 'dkd',
  name: 'Decoupled KD (DKD)',
  description:
    'Split KD into a target-class part (TCKD) and a non-target part (NCKD) and weight them separately; both parts are charted.',
  paper: { title: 'Decoupled Knowledge Distillation', authors: 'Zhao et al.', year: 2022, venue: 'CVPR' },
  params: [
    temperatureParam(4),
    { key: 'alpha', label: 'TCKD weight α', default: 1, min: 0, max: 10, step: 0.1, help: 'mdistiller default 1.' },
    {
      key: 'beta',
      label: 'NCKD weight β',
      default: 8,
      min: 0,
      max: 20,
      step: 0.5,
      help: 'mdistiller default 8 (CIFAR); 0.5–2 on ImageNet.',
    },
    {
      key: 'warmup',
      label: 'Warm-up steps',
      default: 200,
      min: 0,
      max: 100000,
      step: 10,
      kind: 'int',
      help: 'The KD parts ramp up linearly over this many steps. mdistiller warms up over 20 of its 240 CIFAR epochs; the studio counts steps (one batch each) and its toy runs last a few thousand, so the default is 200 steps, about the same share (7% of a 3,000-step run).',
    },
    { key: 'ceWeight', label: 'CE weight', default: 1, min: 0, max: 5, step: 0.1 },
  ],
  components: [
    { key: 'tckd', label: 'TCKD' },
    { key: 'nckd', label: 'NCKD' },
    { key: 'ce', label: 'CE(y, q)' },
  ],
  needs: { teacher: true, sharedVocabulary: true },
  schedulable: { temperature: 'T' },
  loss(tf, inputs, { T = 4, alpha = 1, beta = 8, warmup = 200, ceWeight = 1 }) {
    // Transfer-set rows carry the teacher's class as `labels`: DKD needs a gold class per row.
    const { studentLogits, teacherLogits, labels, mask, step } = inputs;
    if (!teacherLogits) throw new Error('DKD needs teacher logits');
    const classes = studentLogits.shape[1];
    const gold = tf.oneHot(labels, classes);
    const zs = tf.div(studentLogits, T);
    const zt = tf.div(teacherLogits, T);
    const tckdRows = klRows(tf, logBinary(tf, tf.softmax(zt), gold), logBinary(tf, tf.softmax(zs), gold));
    const masked = (z: Tensor) => tf.logSoftmax(tf.sub(z, tf.mul(gold, 1000)));
    const nckdRows = klRows(tf, masked(zt), masked(zs));
    const tckd = tf.mul(maskedMean(tf, tckdRows, mask), T * T) as Scalar;
    const nckd = tf.mul(maskedMean(tf, nckdRows, mask), T * T) as Scalar;
    const ce = hardLabelLoss(tf, inputs);
    const warm = warmup > 0 ? Math.min((step + 1) / warmup, 1) : 1;
    const kd = tf.add(tf.mul(tckd, alpha), tf.mul(nckd, beta));
    const total = tf.add(tf.mul(ce, ceWeight), tf.mul(kd, warm)) as Scalar;
    return { total, parts: { tckd, nckd, ce } };
  },
});
