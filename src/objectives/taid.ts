import { kdWeightParam } from './distribution';
import { entropyRows, hardLabelLoss, klRows, maskedMean, mixWithHardLabels, stopGradient } from './divergences';
import { defineObjective, type Scalar } from './types';

/**
 * TAID (SakanaAI/TAID src/distil_losses/taid.py). The target interpolates from the student
 * towards the teacher in logit space, p_t = softmax((1 − t)·stopgrad(z_s) + t·z_t), and the
 * loss is KL(p_t‖q). The official code returns the cross-entropy form −Σ p_t log q (KL plus
 * H(p_t), which has no gradient with respect to the student since p_t is detached); we chart
 * and optimise the KL. The official update_t(loss) sees the cross-entropy form, so ℓ below is
 * that form (`aux.ceForm`: the KL plus the masked token-mean of H(p_t)), not the charted KL:
 * H(p_t) moves as t and the student move, so the two give different relative improvements.
 * After every step t moves, never backwards:
 *   rel = (prev − ℓ)/(prev + 1e−15);  m ← β·m + (1 − β)·rel;  δ = α·sigmoid(m)·(1 − t)
 *   t ← min(t_end, max(t_start + (t_end − t_start)·step/total, t + δ));  prev ← ℓ
 * (the first call only stores ℓ). All of this runs on the device: no read-back per step.
 */
export default defineObjective({
  id: 'taid',
  name: 'TAID (adaptive interpolation)',
  description:
    'Distil towards a moving target that starts near the student and slides to the teacher as the loss stops improving; t is charted.',
  paper: {
    title: 'TAID: Temporally Adaptive Interpolated Distillation for Efficient Knowledge Transfer in Language Models',
    authors: 'Shing et al.',
    year: 2025,
    venue: 'ICLR',
  },
  params: [
    kdWeightParam(1),
    {
      key: 'tStart',
      label: 't start',
      default: 0.4,
      min: 0,
      max: 1,
      step: 0.05,
      help: 'TAID default 0.4 (0.2 in its Llama-2 scripts).',
    },
    { key: 'tEnd', label: 't end', default: 1, min: 0, max: 1, step: 0.05 },
    { key: 'rate', label: 'Adaptive rate α', default: 5e-4, min: 0, max: 0.05, step: 1e-4, help: 'TAID default 5e-4.' },
    {
      key: 'momentum',
      label: 'Momentum β',
      default: 0.99,
      min: 0,
      max: 0.999,
      step: 0.001,
      help: 'TAID default 0.99.',
    },
  ],
  components: [
    { key: 'kd', label: 'KL(p_t‖q)' },
    { key: 'ce', label: 'CE(y, q)' },
  ],
  stateColumns: [{ key: 't', label: 'TAID t' }],
  needs: { teacher: true, sharedVocabulary: true },
  schedulable: { weight: 'alpha' },
  createState(tf, _ctx, { tStart = 0.4 }) {
    const [t, m, prev, started] = tf.tidy(() => [
      tf.variable(tf.scalar(tStart), false),
      tf.variable(tf.scalar(0), false),
      tf.variable(tf.scalar(0), false),
      tf.variable(tf.scalar(0), false),
    ]);
    return {
      trainable: [],
      values: { t: t!, m: m!, prev: prev!, started: started! },
      variables: [t!, m!, prev!, started!],
    };
  },
  loss(tf, inputs, { alpha = 1 }, state) {
    const { studentLogits, teacherLogits, mask } = inputs;
    if (!teacherLogits || !state) throw new Error('TAID needs teacher logits and its state');
    const t = state.values.t!;
    const target = tf.add(tf.mul(stopGradient(tf, studentLogits), tf.sub(1, t)), tf.mul(teacherLogits, t));
    const logQ = tf.logSoftmax(studentLogits);
    const logPt = tf.logSoftmax(target);
    const kd = maskedMean(tf, klRows(tf, logPt, logQ), mask);
    // The official code's loss value, −Σ p_t log q = KL + H(p_t): what update_t sees.
    const ceForm = tf.add(kd, maskedMean(tf, entropyRows(tf, logPt), mask)) as Scalar;
    const ce = hardLabelLoss(tf, inputs);
    return { total: mixWithHardLabels(tf, ce, kd, alpha, inputs), parts: { kd, ce }, aux: { ceForm } };
  },
  afterStep(tf, state, result, { step, totalSteps }, { tStart = 0.4, tEnd = 1, rate = 5e-4, momentum = 0.99 }) {
    const { t, m, prev, started } = state.values as Record<
      't' | 'm' | 'prev' | 'started',
      Scalar & typeof state.values.t
    >;
    tf.tidy(() => {
      // The cross-entropy form, as the official update_t(loss) sees it (see above).
      const loss = result.aux?.ceForm;
      if (!loss) throw new Error("TAID's update needs the cross-entropy form of its loss (aux.ceForm)");
      const rel = tf.div(tf.sub(prev, loss), tf.add(prev, 1e-15));
      const mNext = tf.add(tf.mul(m, momentum), tf.mul(rel, 1 - momentum));
      const delta = tf.mul(tf.mul(tf.sigmoid(mNext), rate), tf.sub(1, t));
      const target = tStart + ((tEnd - tStart) * step) / Math.max(1, totalSteps);
      const tNext = tf.minimum(tEnd, tf.maximum(target, tf.add(t, delta)));
      const isStarted = tf.greater(started, 0);
      t.assign(tf.where(isStarted, tNext, t));
      m.assign(tf.where(isStarted, mNext, m));
      prev.assign(loss);
      started.assign(tf.onesLike(started));
    });
  },
});
