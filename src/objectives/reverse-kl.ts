import { defineDivergence } from './distribution';
import { klRows } from './divergences';

/**
 * Reverse KL(q‖p) = Σ q (log q − log p), token-level as in MiniLLM's single-step term
 * (microsoft/LMOps minillm/losses.py `_reg_loss`; distillm `reverse_kl`). Mode-seeking: q may
 * ignore modes of p but is punished for mass where p has none. LLM code uses T = 1, no T².
 */
export default defineDivergence({
  id: 'reverse-kl',
  name: 'Reverse KL (MiniLLM)',
  description:
    'Minimise KL(q‖p): mode-seeking, the student may drop some of the teacher’s modes but is punished for putting mass where the teacher has none.',
  paper: {
    title: 'MiniLLM: Knowledge Distillation of Large Language Models',
    authors: 'Gu, Dong, Wei & Huang',
    year: 2024,
    venue: 'ICLR',
  },
  label: 'KL(q‖p)',
  rows: (tf, logP, logQ) => klRows(tf, logQ, logP),
  defaults: { T: 1, alpha: 1, t2: 0 },
  // q·(log q − log p) with p = 0 and q > 0.
  infiniteWhereTeacherIsZero: () => true,
});
