import { describe, expect, it } from 'vitest';
import { confusion, perClassAgreement, reliability, topK } from './classification';

describe('classification summaries', () => {
  const logits = Float32Array.from([2, 0, 0, 0, 2, 0, 0, 0, 2, 2, 0, 0]); // predicts 0, 1, 2, 0
  const labels = [0, 1, 1, 2];
  it('confusion counts [true][predicted]', () => {
    expect(confusion(logits, labels, 3)).toEqual([
      [1, 0, 0],
      [0, 1, 1],
      [1, 0, 0],
    ]);
  });
  it('per-class agreement by true class', () => {
    const student = Float32Array.from([2, 0, 0, 2, 0, 0, 0, 0, 2, 0, 2, 0]); // 0, 0, 2, 1
    expect(perClassAgreement(logits, student, labels, 3)).toEqual([1, 0.5, 0]);
  });
  it('top-k with probabilities', () => {
    const t = topK(logits, 0, 3, 2);
    expect(t.map((x) => x.cls)).toEqual([0, 1]);
    expect(t[0]!.p).toBeCloseTo(Math.exp(2) / (Math.exp(2) + 2), 6);
  });
  it('reliability bins reproduce the ECE of the device metric', () => {
    const r = reliability(logits, labels, 3);
    const conf = Math.exp(2) / (Math.exp(2) + 2); // every row, one bin
    expect(r.bins.filter((b) => b.count).length).toBe(1);
    expect(r.ece).toBeCloseTo(Math.abs(2 / 4 - conf), 6);
  });
});
