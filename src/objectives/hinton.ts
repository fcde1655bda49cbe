import { defineDivergence } from './distribution';
import { klRows } from './divergences';

/**
 * Hinton soft-target KD: forward KL(p‖q) at temperature T, scaled by T², mixed with the
 * hard-label cross-entropy. Defaults T = 4, α = 0.9 as in mdistiller (CFG.KD) and RepDistiller
 * (-r 0.1 -a 0.9). Mode-covering: q is pushed to put mass wherever p has any.
 */
export default defineDivergence({
  id: 'hinton',
  name: 'Forward KL (Hinton KD)',
  description:
    'Match the teacher’s softened distribution: forward KL(p‖q), which is mode-covering (the student must spread mass wherever the teacher has any).',
  paper: {
    title: 'Distilling the Knowledge in a Neural Network',
    authors: 'Hinton, Vinyals & Dean',
    year: 2015,
    venue: 'NIPS Deep Learning Workshop',
  },
  label: 'KL(p‖q)',
  rows: (tf, logP, logQ) => klRows(tf, logP, logQ),
  defaults: { T: 4, alpha: 0.9, t2: 1 },
});
