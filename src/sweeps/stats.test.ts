import { describe, expect, it } from 'vitest';
import { summarize, welch } from './stats';
import { verdict } from './verdict';

describe('Welch’s t-test', () => {
  it('matches the hand computation', () => {
    // a = 0.90, 0.92, 0.94: mean 0.92, squared deviations 0.0004 + 0 + 0.0004 = 0.0008, s² = 0.0008/2 = 0.0004.
    // b = 0.80, 0.85, 0.90, 0.95: mean 0.875, squared deviations 2·0.005625 + 2·0.000625 = 0.0125, s² = 0.0125/3 = 0.0041667.
    // va = s²/n = 0.0004/3 = 1.33333e-4; vb = 0.0041667/4 = 1.04167e-3; va + vb = 1.175e-3, √ = 0.0342783.
    // t = (0.92 − 0.875) / 0.0342783 = 1.31278.
    // df = (va + vb)² / (va²/(3 − 1) + vb²/(4 − 1)) = 1.380625e-6 / (8.8889e-9 + 3.61690e-7) = 3.72559.
    // p = 2·(1 − F_t(1.31278; 3.72559)) = 0.26428 (two-sided; scipy.stats.ttest_ind(equal_var=False) agrees).
    const r = welch([0.9, 0.92, 0.94], [0.8, 0.85, 0.9, 0.95]);
    expect(r.t).toBeCloseTo(1.31278, 4);
    expect(r.df).toBeCloseTo(3.72559, 4);
    expect(r.p).toBeCloseTo(0.26428, 4);
    expect(r.diff).toBeCloseTo(0.045, 10);
  });

  it('a clear gap: equal variances make df the pooled n − 2', () => {
    // a = .97 .96 .98 .97 .99: mean .974, s² = (0.000016 + 0.000196 + 0.000036 + 0.000016 + 0.000256)/4 = 0.00013.
    // b = .90 .91 .89 .92 .90: mean .904, s² = (0.000016 + 0.000036 + 0.000196 + 0.000256 + 0.000016)/4 = 0.00013.
    // va = vb = 0.000026, √(va + vb) = 0.0072111; t = 0.07/0.0072111 = 9.70725; df = (5.2e-5)²/(2·(2.6e-5)²/4) = 8.
    // p = 2·(1 − F_t(9.70725; 8)) = 1.0592e-5.
    const r = welch([0.97, 0.96, 0.98, 0.97, 0.99], [0.9, 0.91, 0.89, 0.92, 0.9]);
    expect(r.t).toBeCloseTo(9.70725, 4);
    expect(r.df).toBeCloseTo(8, 8);
    expect(r.p).toBeCloseTo(1.0592e-5, 8);
  });

  it('no spread on either side: p is 0 for different means and 1 for equal ones', () => {
    expect(welch([1, 1], [0, 0]).p).toBe(0);
    expect(welch([1, 1], [1, 1]).p).toBe(1);
    expect(() => welch([1], [1, 2])).toThrow(/two values/);
  });

  it('the 95% interval is t(0.975, n − 1)·s/√n', () => {
    // n = 5, s = √0.00013 = 0.0114018, t(0.975, 4) = 2.776445: half-width 2.776445·0.0114018/√5 = 0.0141570.
    const s = summarize([0.97, 0.96, 0.98, 0.97, 0.99]);
    expect(s.mean).toBeCloseTo(0.974, 10);
    expect(s.ci95).toBeCloseTo(0.014157, 5);
    expect(Number.isNaN(summarize([1]).ci95)).toBe(true);
  });
});

const high5 = [0.97, 0.96, 0.98, 0.97, 0.99];
const low5 = [0.9, 0.91, 0.89, 0.92, 0.9];

describe('the verdict', () => {
  it('BEATS, NO BEATS and INCONCLUSIVE at 0.05', () => {
    const high = [0.97, 0.96, 0.98, 0.97, 0.99];
    const low = [0.9, 0.91, 0.89, 0.92, 0.9];
    expect(verdict(high, low).word).toBe('BEATS');
    expect(verdict(low, high).word).toBe('NO BEATS');
    const v = verdict([0.9, 0.92, 0.94], [0.8, 0.85, 0.9, 0.95]);
    expect(v.word).toBe('INCONCLUSIVE');
    expect(v.sentence).toMatch(/cannot tell them apart/);
  });
  it('says a tie as 0.0 points, not −0.0, and a loss with the typographic minus', () => {
    // The race preset's forward KL and no teacher end equal on every seed; float sums may not.
    const a = [0.978, 0.944, 0.937, 0.896, 0.881];
    expect(
      verdict(
        a,
        a.map((x) => x + 1e-9),
      ).sentence,
    ).toContain('(0.0 points, p = 1.000)');
    expect(verdict(low5, high5).sentence).toContain('(−7.0 points, p < 0.001)');
  });
});
