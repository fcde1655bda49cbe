import { crossEntropyRows, klRows, logSoftmaxT, maskedMean } from './divergences';
import { defineObjective, type Scalar } from './types';

/**
 * Hinton soft-target KD: L = (1 − α)·CE(y, softmax(z_s)) + α·T²·KL(p‖q),
 * p = softmax(z_t / T), q = softmax(z_s / T). The hard-label CE is taken at T = 1.
 * Defaults T = 4, α = 0.9 as in mdistiller (CFG.KD) and RepDistiller (-r 0.1 -a 0.9).
 */
export default defineObjective({
  id: 'hinton',
  name: 'Hinton KD (forward KL)',
  description:
    'Match the teacher’s softened distribution (forward KL at temperature T, scaled by T²) mixed with the hard-label cross-entropy.',
  paper: {
    title: 'Distilling the Knowledge in a Neural Network',
    authors: 'Hinton, Vinyals & Dean',
    year: 2015,
    venue: 'NIPS Deep Learning Workshop',
  },
  params: [
    {
      key: 'T',
      label: 'Temperature T',
      default: 4,
      min: 0.1,
      max: 20,
      step: 0.1,
      help: 'Softens both distributions; higher T shows more of the teacher’s “dark knowledge”.',
    },
    {
      key: 'alpha',
      label: 'KD weight α',
      default: 0.9,
      min: 0,
      max: 1,
      step: 0.05,
      help: 'Weight of the soft-target term; 1 − α weighs the hard-label cross-entropy.',
    },
    {
      key: 't2',
      label: 'T² scaling',
      default: 1,
      min: 0,
      max: 1,
      step: 1,
      kind: 'toggle',
      help: 'Multiply the KL by T² so its gradients keep their size as T changes (Hinton et al.).',
    },
  ],
  components: [
    { key: 'kd', label: 'KL(p‖q)·T²' },
    { key: 'ce', label: 'CE(y, q)' },
  ],
  needs: { teacher: true },
  loss(tf, { studentLogits, teacherLogits, labels, mask }, { T = 4, alpha = 0.9, t2 = 1 }) {
    if (!teacherLogits) throw new Error('Hinton KD needs teacher logits');
    const logP = logSoftmaxT(tf, teacherLogits, T);
    const logQ = logSoftmaxT(tf, studentLogits, T);
    const kl = maskedMean(tf, klRows(tf, logP, logQ), mask);
    const kd = t2 ? tf.mul(kl, T * T) : kl;
    const ce = maskedMean(tf, crossEntropyRows(tf, studentLogits, labels), mask);
    const total = tf.add(tf.mul(ce, 1 - alpha), tf.mul(kd, alpha));
    return { total: total as Scalar, parts: { kd: kd as Scalar, ce } };
  },
});
