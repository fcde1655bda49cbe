/**
 * The card's picture: one test point through the default teacher's eyes at T = 1 and T = 4.
 *
 * The toy teacher ships no weights (it trains in the page on Play), so the card cannot ask it
 * before the first run. These are the logits that teacher gives this point when trained as the
 * studio trains it: the default experiment (seed 42) in the studio's engine on tfjs's cpu
 * backend in Node, printed by `npx tsx scripts/intro/teacher-logits.ts` (2026-12-02). Other
 * backends round differently, so a teacher trained in the page lands close to, not exactly on,
 * these numbers.
 */
import { softmaxRow } from '../../lib/softmax';

export const EXAMPLE = {
  point: 142,
  /** Where the point lies: near the spiral's centre, where its arms meet. */
  at: [-0.07, 0.09] as const,
  trueClass: 1,
  logits: [-0.457, 3.266, -5.796] as const,
  /** The default objective's temperature (Hinton KD, T = 4). */
  T: 4,
};

/** The teacher's probabilities for the example point at temperature T. */
export const exampleProbs = (T: number): number[] => [...softmaxRow(EXAMPLE.logits, 0, EXAMPLE.logits.length, T)];

/** "2.4%": one decimal, as the point inspector shows probabilities. */
export const pct = (p: number): string => `${(p * 100).toFixed(1)}%`;
