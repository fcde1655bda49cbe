/**
 * "Does KD beat labels only, here?": the same experiment's distillation lane against the
 * no-teacher baseline, on N seeds at one budget, judged by Welch's t-test at 0.05 on the final
 * held-out accuracy. Pure.
 */
import { summarize, welch, type Summary, type WelchResult } from './stats';
import { signed } from '../lib/signed';

export const VERDICT_ALPHA = 0.05;
export const VERDICT_SEEDS = 5;
export const VERDICT_TEST = 'Welch’s two-sided t-test (unequal variances), α = 0.05';

export type VerdictWord = 'BEATS' | 'NO BEATS' | 'INCONCLUSIVE';

export interface Verdict {
  word: VerdictWord;
  kd: Summary;
  baseline: Summary;
  test: WelchResult;
  /** One sentence a person reads beside the word. */
  sentence: string;
}

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

/**
 * BEATS: KD's mean is higher and the test rejects equal means at α; NO BEATS: labels only is
 * significantly higher; INCONCLUSIVE: the seeds cannot tell them apart at α.
 */
export function verdict(kd: readonly number[], baseline: readonly number[], alpha = VERDICT_ALPHA): Verdict {
  const test = welch(kd, baseline);
  const k = summarize(kd);
  const b = summarize(baseline);
  const significant = test.p < alpha;
  const word: VerdictWord = !significant ? 'INCONCLUSIVE' : test.diff > 0 ? 'BEATS' : 'NO BEATS';
  const gap = `${signed(test.diff * 100, 1, { plus: true })} points`;
  const p = test.p < 0.001 ? 'p < 0.001' : `p = ${test.p.toFixed(3)}`;
  const sentence =
    word === 'BEATS'
      ? `KD ${pct(k.mean)} against labels only ${pct(b.mean)} (${gap}, ${p}): distillation helps here.`
      : word === 'NO BEATS'
        ? `Labels only ${pct(b.mean)} against KD ${pct(k.mean)} (${gap}, ${p}): the teacher does not help here.`
        : `KD ${pct(k.mean)} against labels only ${pct(b.mean)} (${gap}, ${p}): ${kd.length} seeds cannot tell them apart; try more seeds or a harder task.`;
  return { word, kd: k, baseline: b, test, sentence };
}
