import { defineDivergence } from './distribution';
import { klRows, logMixture } from './divergences';

export const skewParam = {
  key: 'skew',
  label: 'Skew α',
  default: 0.1,
  min: 0,
  max: 1,
  step: 0.05,
  help: 'How much of its own distribution the target mixes in (DistiLLM’s --skew-alpha, default 0.1). 0 gives the plain KL.',
};

/**
 * Skew KL (DistiLLM): SKL_α = KL(p ‖ α·p + (1 − α)·q). Mixing p into the target keeps the
 * gradient bounded where q is tiny. DistiLLM's code returns the cross-entropy form
 * −Σ p log(mix) = SKL + H(p); we chart the true KL (the constant H(p) does not change gradients).
 */
export default defineDivergence({
  id: 'skew-kl',
  name: 'Skew KL (DistiLLM)',
  description: 'Forward KL against a mixture α·p + (1 − α)·q: smoother, bounded gradients than plain forward KL.',
  paper: {
    title: 'DistiLLM: Towards Streamlined Distillation for Large Language Models',
    authors: 'Ko, Kim, Chen & Yun',
    year: 2024,
    venue: 'ICML',
  },
  label: 'SKL(p, q)',
  rows: (tf, logP, logQ, { skew = 0.1 }) => klRows(tf, logP, logMixture(tf, logP, logQ, skew)),
  defaults: { T: 1, alpha: 1, t2: 0 },
  extraParams: [skewParam],
});
