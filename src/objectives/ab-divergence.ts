import { defineDivergence } from './distribution';
import type { Tensor, Tf } from './types';

/**
 * The α-β divergence of ABKD (Cichocki & Amari's AB family), token-mean as in ghwang-s/abkd
 * `ab_div`:  D = −1/(αβ)·Σ [p^α q^β − α/(α+β)·p^(α+β) − β/(α+β)·q^(α+β)],
 * with the log-ratio limits where α = 0 or β = 0. Powers are taken as exp(a·log p), so they are
 * stable and differentiable near zero probabilities. (α, β) = (1, 0) is forward KL, (0, 1)
 * reverse KL, (0.5, 0.5) is 4·(1 − Σ√(pq)) (Hellinger-like).
 */
function abRows(tf: Tf, logP: Tensor, logQ: Tensor, a: number, b: number): Tensor {
  const pow = (logX: Tensor, e: number) => tf.exp(tf.mul(logX, e));
  const sum = (x: Tensor) => tf.sum(x, -1);
  if (a === 0 && b === 0) return tf.mul(sum(tf.square(tf.sub(logP, logQ))), 0.5);
  if (a === 0) {
    // 1/β²·Σ [q^β·β·(log q − log p) − q^β + p^β]
    const qb = pow(logQ, b);
    return tf.div(sum(tf.add(tf.sub(tf.mul(qb, tf.mul(tf.sub(logQ, logP), b)), qb), pow(logP, b))), b * b);
  }
  if (b === 0) {
    const pa = pow(logP, a);
    return tf.div(sum(tf.add(tf.sub(tf.mul(pa, tf.mul(tf.sub(logP, logQ), a)), pa), pow(logQ, a))), a * a);
  }
  const cross = tf.exp(tf.add(tf.mul(logP, a), tf.mul(logQ, b)));
  const terms = tf.sub(tf.sub(cross, tf.mul(pow(logP, a + b), a / (a + b))), tf.mul(pow(logQ, a + b), b / (a + b)));
  return tf.div(sum(terms), -a * b);
}

export default defineDivergence({
  id: 'ab',
  name: 'α-β divergence (ABKD)',
  description:
    'A two-parameter family that contains forward KL (α = 1, β = 0) and reverse KL (α = 0, β = 1): α and β trade off how mass is allocated between hard and easy classes.',
  paper: {
    title: 'ABKD: Pursuing a Proper Allocation of the Probability Mass in Knowledge Distillation via α-β-Divergence',
    authors: 'G. Wang et al.',
    year: 2025,
    venue: 'ICML',
  },
  label: 'D_AB(p, q)',
  rows: (tf, logP, logQ, { abAlpha = 0.5, abBeta = 0.5 }) => abRows(tf, logP, logQ, abAlpha, abBeta),
  defaults: { T: 1, alpha: 1, t2: 0 },
  // With α = 0 the terms are q^β·(log q − log p) (or (log p − log q)² at β = 0): log p unweighted by p.
  infiniteWhereTeacherIsZero: ({ abAlpha = 0.5 }) => abAlpha <= 0,
  extraParams: [
    { key: 'abAlpha', label: 'AB α', default: 0.5, min: 0, max: 2, step: 0.05, help: 'ABKD default 0.5.' },
    { key: 'abBeta', label: 'AB β', default: 0.5, min: 0, max: 2, step: 0.05, help: 'ABKD default 0.5.' },
  ],
});
