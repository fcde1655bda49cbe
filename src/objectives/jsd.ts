import { defineDivergence } from './distribution';
import { klRows, logMixture } from './divergences';

/**
 * Generalized JSD as in TRL's GKDTrainer.generalized_jsd_loss: with M = β·p + (1 − β)·q,
 * JSD_β = β·KL(p‖M) + (1 − β)·KL(q‖M). β = 0 is exactly forward KL(p‖q), β = 1 reverse
 * KL(q‖p) (special-cased as TRL does); β = 0.5 is the symmetric Jensen–Shannon divergence.
 */
export default defineDivergence({
  id: 'jsd',
  name: 'Generalized JSD (GKD)',
  description:
    'One slider from forward KL (β = 0) through the symmetric Jensen–Shannon divergence (β = 0.5) to reverse KL (β = 1).',
  paper: {
    title: 'On-Policy Distillation of Language Models: Learning from Self-Generated Mistakes',
    authors: 'Agarwal et al.',
    year: 2024,
    venue: 'ICLR',
  },
  label: 'JSD_β(p, q)',
  rows(tf, logP, logQ, { beta = 0.5 }) {
    if (beta <= 0) return klRows(tf, logP, logQ);
    if (beta >= 1) return klRows(tf, logQ, logP);
    const logM = logMixture(tf, logP, logQ, beta);
    return tf.add(tf.mul(klRows(tf, logP, logM), beta), tf.mul(klRows(tf, logQ, logM), 1 - beta));
  },
  defaults: { T: 1, alpha: 1, t2: 0 },
  // Bounded for β < 1 (the mixture has the student's mass); at β = 1 it is reverse KL.
  infiniteWhereTeacherIsZero: ({ beta = 0.5 }) => beta >= 1,
  extraParams: [
    {
      key: 'beta',
      label: 'β (0 = forward KL, 1 = reverse KL)',
      default: 0.5,
      min: 0,
      max: 1,
      step: 0.05,
      help: 'TRL’s default is 0.5. Slide it during a run to move from mode-covering to mode-seeking.',
    },
  ],
});
