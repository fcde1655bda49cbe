import { describe, expect, it } from 'vitest';
import { createRng } from './rng';
import {
  cosine,
  featureAgreement,
  foreground,
  mapAgreement,
  pick,
  rankAgreement,
  ranks,
  signAgreement,
  spearmanAbs,
} from './attribution';

describe('attribution agreement (reference §5)', () => {
  const at = [0.5, -0.1, 0.3, 0.05];
  const as = [0.2, 0.25, 0.35, -0.02];
  it('cosine 0.635033, Spearman(|a|) 0.4, FA@2 0.5, RA@2 0, SA@2 0.5', () => {
    expect(cosine(at, as)).toBeCloseTo(0.635033, 6);
    expect(spearmanAbs(at, as)).toBeCloseTo(0.4, 12);
    expect(featureAgreement(at, as, 2)).toBe(0.5);
    expect(rankAgreement(at, as, 2)).toBe(0);
    expect(signAgreement(at, as, 2)).toBe(0.5);
  });
  it('ranks ties by their average', () => {
    expect([...ranks([3, 1, 3, 2])]).toEqual([3.5, 1, 3.5, 2]);
  });
});

describe('agreement over the foreground of a sparse input', () => {
  // A 28×28 input with about a third of its pixels lit, the rest exactly 0 (like Fashion-MNIST),
  // and two unrelated maps on it: random on the lit pixels, 0 wherever the input is 0 (as
  // gradient × input is for any model).
  const rng = createRng(7, 'sparse');
  const input = Float32Array.from({ length: 784 }, () => (rng.next() < 0.35 ? 1 : 0));
  const map = (x: ArrayLike<number>) => Float32Array.from(x, (v) => (rng.next() * 2 - 1) * v);
  const a = map(input);
  const b = map(input);
  const fg = foreground(input);

  it('keeps the non-zero pixels (or those above a threshold), at an offset', () => {
    expect([...foreground([0, 0.2, 0, 0.7, 0.01])]).toEqual([1, 3, 4]);
    expect([...foreground([0, 0.2, 0, 0.7, 0.01], 0.1)]).toEqual([1, 3]);
    expect([...foreground([9, 9, 0, 0.5, 0, 0.1], 0, 2, 4)]).toEqual([1, 3]);
    expect(Array.from(pick([5, 6, 7, 8], [3, 0]))).toEqual([8, 5]);
  });

  it('scores unrelated maps near 0 and identical maps 1; over all pixels ρ was inflated by the shared zeros', () => {
    expect(fg.length).toBeGreaterThan(200);
    expect(fg.length).toBeLessThan(400);
    const unrelated = mapAgreement(a, b, fg);
    expect(Math.abs(unrelated.spearman)).toBeLessThan(0.1);
    expect(Math.abs(unrelated.cosine)).toBeLessThan(0.1);
    const same = mapAgreement(a, a, fg);
    expect(same.spearman).toBeCloseTo(1, 12);
    expect(same.cosine).toBeCloseTo(1, 12);
    // The problem this fixes: over all 784 pixels the tied zeros alone give ρ ≈ 0.94.
    expect(spearmanAbs(a, b)).toBeGreaterThan(0.8);
    // The cosine does not see the zeros: the same over all pixels as over the foreground.
    expect(cosine(a, b)).toBeCloseTo(unrelated.cosine, 12);
  });

  it('still shares the input factor: with grey levels, |g·x| of unrelated gradients correlate through x', () => {
    // Not a bug of the measure but a property of gradient × input: both maps scale with the
    // pixel's brightness, so ρ over the foreground is positive even for unrelated gradients.
    const grey = Float32Array.from(input, (v) => v * (0.05 + 0.95 * rng.next()));
    const rho = mapAgreement(map(grey), map(grey), foreground(grey)).spearman;
    expect(rho).toBeGreaterThan(0.2);
    expect(rho).toBeLessThan(0.6);
  });
});
