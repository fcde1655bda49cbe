import { defineDivergence } from './distribution';

/** Total variation distance ½·Σ|p − q| (distillm `tv_distance`; TAID `tvd.py`). */
export default defineDivergence({
  id: 'tvd',
  name: 'Total variation distance',
  description:
    'Half the L1 distance between the two distributions: bounded in [0, 1] and symmetric, so it neither covers nor seeks modes strongly.',
  paper: {
    title: 'f-Divergence Minimization for Sequence-Level Knowledge Distillation',
    authors: 'Wen, Li, Du & Mou',
    year: 2023,
    venue: 'ACL',
  },
  label: 'TVD(p, q)',
  rows: (tf, logP, logQ) => tf.mul(tf.sum(tf.abs(tf.sub(tf.exp(logP), tf.exp(logQ))), -1), 0.5),
  defaults: { T: 1, alpha: 1, t2: 0 },
});
