import { describe, expect, it } from 'vitest';
import { createRng } from './rng';
import { drawFrom, probabilities, residual, verifyDraft } from './speculative';

describe('speculative verification (Leviathan et al.)', () => {
  it('accepts every draft when the student is the teacher, then adds the bonus token', () => {
    const p = [0.7, 0.2, 0.1];
    const v = verifyDraft([0, 1, 0, 2], [p, p, p, p, [0, 0, 1]], [p, p, p, p], 'sampling', createRng(1));
    expect(v).toEqual({ accepted: 4, next: 2 });
  });
  it('rejects a draft the teacher gives no mass and replaces it from max(0, p − q)', () => {
    const p = [0.5, 0.5, 0];
    const q = [0, 0.2, 0.8];
    // Draft 2 has p = 0: always rejected; the residual (0.5, 0.3, 0) normalised is what is drawn.
    const v = verifyDraft([2, 0], [p, p, p], [q, q], 'sampling', createRng(3));
    expect(v.accepted).toBe(0);
    expect([0, 1]).toContain(v.next);
    expect(Array.from(residual(p, q))).toEqual([0.5, 0.3, 0]);
  });
  it('gives text distributed as the teacher’s own samples (one position, 40,000 draws)', () => {
    const p = [0.6, 0.3, 0.1];
    const q = [0.2, 0.3, 0.5];
    const rng = createRng(42, 'test');
    const counts = [0, 0, 0];
    const n = 40_000;
    for (let i = 0; i < n; i++) {
      const x = drawFrom(q, rng.next());
      const v = verifyDraft([x], [p, p], [q], 'sampling', rng);
      counts[v.accepted === 1 ? x : v.next]!++;
    }
    counts.forEach((c, i) => expect(c / n).toBeCloseTo(p[i]!, 2));
  });
  it('accepts with probability Σ min(p, q) = 1 − TVD', () => {
    const p = [0.6, 0.3, 0.1];
    const q = [0.2, 0.3, 0.5];
    const rng = createRng(7, 'rate');
    let accepted = 0;
    const n = 40_000;
    for (let i = 0; i < n; i++)
      accepted += verifyDraft([drawFrom(q, rng.next())], [p, p], [q], 'sampling', rng).accepted;
    expect(accepted / n).toBeCloseTo(0.2 + 0.3 + 0.1, 2);
  });
  it('greedy: a draft stands when it is the teacher’s arg-max, the arg-max replaces the first that is not', () => {
    const p0 = [0.1, 0.8, 0.1];
    const p1 = [0.6, 0.3, 0.1];
    const q = [1 / 3, 1 / 3, 1 / 3];
    expect(verifyDraft([1, 2], [p0, p1, p0], [q, q], 'greedy', createRng(1))).toEqual({ accepted: 1, next: 0 });
    expect(verifyDraft([1, 0], [p0, p1, p0], [q, q], 'greedy', createRng(1))).toEqual({ accepted: 2, next: 1 });
  });
  it('probabilities are a softmax in float64, uniform for a row without a finite maximum', () => {
    const p = probabilities([0, Math.log(3)]);
    expect(p[0]).toBeCloseTo(0.25, 12);
    expect(p[1]).toBeCloseTo(0.75, 12);
    expect(Array.from(probabilities([NaN, NaN]))).toEqual([0.5, 0.5]);
  });
});
