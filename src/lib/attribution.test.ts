import { describe, expect, it } from 'vitest';
import { cosine, featureAgreement, rankAgreement, ranks, signAgreement, spearmanAbs } from './attribution';

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
