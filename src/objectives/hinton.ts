import { defineDivergence } from './distribution';
import { klRows } from './divergences';
import { FORWARD_KL_KERNEL } from './fused-divergence';

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
  // ∂KL(p‖q)/∂u = q − p for q = softmax(u): the gradient the fused form writes out.
  softGrad: (tf, p, q) => tf.sub(q, p),
  // On cpu and wasm the whole loss is one loop over the batch (forward-kl-host.ts).
  hostKernel: FORWARD_KL_KERNEL,
  defaults: { T: 4, alpha: 0.9, t2: 1 },
});
