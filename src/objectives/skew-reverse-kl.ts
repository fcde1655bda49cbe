import { defineDivergence } from './distribution';
import { klRows, logMixture } from './divergences';
import { skewParam } from './skew-kl';

/** Skew reverse KL (DistiLLM): SRKL_α = KL(q ‖ α·q + (1 − α)·p). */
export default defineDivergence({
  id: 'skew-reverse-kl',
  name: 'Skew reverse KL (DistiLLM)',
  description: 'Reverse KL against a mixture α·q + (1 − α)·p: mode-seeking like reverse KL, with bounded gradients.',
  paper: {
    title: 'DistiLLM: Towards Streamlined Distillation for Large Language Models',
    authors: 'Ko, Kim, Chen & Yun',
    year: 2024,
    venue: 'ICML',
  },
  label: 'SRKL(p, q)',
  rows: (tf, logP, logQ, { skew = 0.1 }) => klRows(tf, logQ, logMixture(tf, logQ, logP, skew)),
  defaults: { T: 1, alpha: 1, t2: 0 },
  // Bounded by log(1/α) for a skew α > 0; at 0 it is reverse KL.
  infiniteWhereTeacherIsZero: ({ skew = 0.1 }) => skew <= 0,
  extraParams: [skewParam],
});
