import { hardLabelLoss, maskedMean } from './divergences';
import { temperatureParam } from './distribution';
import { defineObjective, type Scalar, type Tensor, type Tf } from './types';

/** Row r's entry `index[r, j]` of x, for every r and j (a batched gather on the flat tensor). */
function takeAlongRows(tf: Tf, x: Tensor, index: Tensor): Tensor {
  const [rows, width] = x.shape as [number, number];
  const offsets = tf.reshape(tf.mul(tf.range(0, rows, 1, 'int32'), tf.scalar(width, 'int32')), [rows, 1]);
  return tf.reshape(tf.gather(tf.reshape(x, [-1]), tf.reshape(tf.add(index, offsets), [-1])), [rows, width]);
}

/**
 * Each row sorted in descending order. The order is a constant of the step, so the gradient
 * just puts each sorted position's gradient back where the value came from (the inverse
 * permutation). Written as a custom gradient because tfjs has no gradient for topk and
 * rejects the integer index path of a plain gather.
 */
function sortedDescending(tf: Tf, probs: Tensor): Tensor {
  const width = probs.shape[1]!;
  const sort = tf.customGrad((...args) => {
    const x = args[0] as Tensor;
    const save = args[1] as (t: Tensor[]) => void;
    // The forward may leave only its value (and saved inputs): the order is recomputed from
    // the saved input in the backward pass rather than kept.
    const order = (t: Tensor) => tf.topk(t, width, true).indices;
    save([x]);
    return {
      value: tf.tidy(() => takeAlongRows(tf, x, order(x))),
      gradFunc: (dy: Tensor, saved: Tensor[]) => {
        // rank[r, i] = where original column i went: the argsort of the order.
        const rank = tf.topk(tf.neg(tf.cast(order(saved[0]!), 'float32')), width, true).indices;
        return takeAlongRows(tf, dy, rank);
      },
    };
  });
  return sort(probs);
}

/** Zero columns on the right up to `width` (the shorter vocabulary is padded). */
const padTo = (tf: Tf, x: Tensor, width: number): Tensor =>
  x.shape[1] === width
    ? x
    : tf.pad(x, [
        [0, 0],
        [0, width - x.shape[1]!],
      ]);

/**
 * Per-row ULD distance: the closed-form Wasserstein-1 between the two sorted probability
 * vectors, Σ_i |p↓_i − q↓_i| (llm-recipes `DistillationLoss`). Teacher and student may have
 * different vocabularies: only the shapes of the distributions are compared, never which
 * token is which.
 */
export function uldRows(tf: Tf, teacherLogits: Tensor, studentLogits: Tensor, T: number): Tensor {
  const p = sortedDescending(tf, tf.softmax(tf.div(teacherLogits, T)));
  const q = sortedDescending(tf, tf.softmax(tf.div(studentLogits, T)));
  const width = Math.max(p.shape[1]!, q.shape[1]!);
  return tf.sum(tf.abs(tf.sub(padTo(tf, p, width), padTo(tf, q, width))), -1);
}

/**
 * Universal Logit Distillation (Boizard et al. 2024): L = CE_w·CE + λ·ULD. Built for teachers
 * and students with different tokenizers; with a shared vocabulary it still shows what a
 * vocabulary-blind loss can teach: how peaked the student should be, but not on which token,
 * which is left to the cross-entropy.
 */
export default defineObjective({
  id: 'uld',
  name: 'ULD (universal logit distillation)',
  description:
    'Match the sorted probabilities (a closed-form Wasserstein distance), so teacher and student need not share a vocabulary; the hard-label cross-entropy says which token is right.',
  paper: {
    title: 'Towards Cross-Tokenizer Distillation: the Universal Logit Distillation Loss for LLMs',
    authors: 'Boizard et al.',
    year: 2024,
    venue: 'arXiv',
  },
  params: [
    temperatureParam(1),
    {
      key: 'lambda',
      label: 'ULD weight λ',
      default: 1.5,
      min: 0,
      max: 10,
      step: 0.1,
      help: 'Weight of the ULD distance (llm-recipes `distil_factor`, default 1.5).',
    },
    {
      key: 'ceWeight',
      label: 'CE weight',
      default: 1,
      min: 0,
      max: 5,
      step: 0.1,
      help: 'Weight of the hard-label cross-entropy (llm-recipes default 1).',
    },
  ],
  components: [
    { key: 'kd', label: 'ULD(p↓, q↓)' },
    { key: 'ce', label: 'CE(y, q)' },
  ],
  needs: { teacher: true },
  schedulable: { temperature: 'T', weight: 'lambda' },
  loss(tf, inputs, { T = 1, lambda = 1.5, ceWeight = 1 }) {
    const { studentLogits, teacherLogits, mask } = inputs;
    if (!teacherLogits) throw new Error('ULD needs teacher logits');
    // Token-mean over valid positions (the official code averages per sequence, then over the
    // batch: the same number when every window has the same count of valid tokens, as here).
    const kd = maskedMean(tf, uldRows(tf, teacherLogits, studentLogits, T), mask);
    const ce = hardLabelLoss(tf, inputs);
    const total = tf.add(tf.mul(ce, ceWeight), tf.mul(kd, lambda)) as Scalar;
    return { total, parts: { kd, ce } };
  },
});
