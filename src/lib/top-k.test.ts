/**
 * Top-k teachers, value by value: the kept classes, DistillKit's two ways of handling the
 * missing probability, the truncated mass, the bytes, and the tensor version the engine runs
 * (engine/top-k-targets.ts) against the host one.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { tf, useCpu } from '../test/tf';
import { topKTargets } from '../engine/top-k-targets';
import { LOG_ZERO, UNIFORM_FLOOR, tailMassCurve, topKBytes, topKIndices, truncateRow, truncatesAt } from './top-k';

beforeAll(useCpu);

/** softmax in float64. */
const softmax = (z: ArrayLike<number>): number[] => {
  const max = Math.max(...Array.from(z));
  const e = Array.from(z, (x) => Math.exp(x - max));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
};

// p = softmax(z) ≈ [0.2312, 0.0851, 0.0313, 0.0115, 0.6285, 0.0124] (hand-checked below).
const Z = [2, 1, 0, -1, 3, -0.93];

describe('top-k teachers', () => {
  it('keep the k largest, largest first, ties to the lower index', () => {
    expect(Array.from(topKIndices(Z, 3))).toEqual([4, 0, 1]);
    expect(Array.from(topKIndices([1, 2, 2, 0], 2))).toEqual([1, 2]);
    expect(Array.from(topKIndices([5, 5, 5], 2))).toEqual([0, 1]);
  });

  it('zero: the kept k renormalised to sum to 1, the rest exactly 0, the truncated mass reported', () => {
    const p = softmax(Z);
    const { target, truncatedMass } = truncateRow(Z, 2, 'zero');
    const kept = p[4]! + p[0]!;
    expect(truncatedMass).toBeCloseTo(1 - kept, 12);
    // By hand: e^3 / (e^3 + e^2) and e^2 / (e^3 + e^2), whatever the other classes were.
    expect(Math.exp(target[4]!)).toBeCloseTo(Math.E / (Math.E + 1), 12);
    expect(Math.exp(target[0]!)).toBeCloseTo(1 / (Math.E + 1), 12);
    for (const v of [1, 2, 3, 5]) expect(target[v]).toBe(LOG_ZERO);
    expect(softmax(target).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('symmetric_uniform: the kept k unchanged, the missing mass spread evenly over the others', () => {
    const p = softmax(Z);
    const { target, truncatedMass } = truncateRow(Z, 2, 'symmetric_uniform');
    expect(Math.exp(target[4]!)).toBeCloseTo(p[4]!, 12);
    expect(Math.exp(target[0]!)).toBeCloseTo(p[0]!, 12);
    const each = truncatedMass / 4;
    for (const v of [1, 2, 3, 5]) expect(Math.exp(target[v]!)).toBeCloseTo(each, 12);
    expect(Array.from(target, Math.exp).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    // A teacher that is sure of one class leaves nothing to spread: the floor, not log 0.
    expect(truncateRow([60, 0, 0], 1, 'symmetric_uniform').target[1]).toBeCloseTo(Math.log(UNIFORM_FLOOR), 9);
  });

  it('k of 0 or at least the classes keeps the whole distribution, with nothing truncated', () => {
    for (const k of [0, 6, 10]) {
      const { target, truncatedMass } = truncateRow(Z, k, 'zero');
      expect(truncatedMass).toBe(0);
      softmax(Z).forEach((p, v) => expect(Math.exp(target[v]!)).toBeCloseTo(p, 12));
    }
    expect(truncatesAt(undefined, 10)).toBe(false);
    expect(truncatesAt(9, 10)).toBe(true);
  });

  it('cost k log-probabilities, k one-byte ids and the kept mass per example; the whole is a float per class', () => {
    expect(topKBytes(1, 10)).toBe(9);
    expect(topKBytes(3, 10)).toBe(19);
    expect(topKBytes(0, 10)).toBe(40);
    expect(topKBytes(10, 10)).toBe(40);
  });

  it('measure the mass the top k leave out, on average over rows, for every k', () => {
    const rows = [Z, [0, 0, 0, 0, 0, 0]];
    const curve = tailMassCurve(rows.flat(), 6);
    expect(curve).toHaveLength(7);
    expect(curve[0]).toBeCloseTo(1, 12);
    expect(curve[6]).toBeCloseTo(0, 12);
    for (const k of [1, 2, 3, 5]) {
      const want = (truncateRow(Z, k, 'zero').truncatedMass + (6 - k) / 6) / 2;
      expect(curve[k]).toBeCloseTo(want, 12);
    }
  });

  it('on tensors, give the same targets as the host version for both handlings', async () => {
    const rows = [Z, [0.5, 0.5, 0.1, 3, -2, 1], [-1, -2, -3, -4, -5, -6]];
    for (const missing of ['zero', 'symmetric_uniform'] as const)
      for (const k of [1, 2, 5]) {
        const before = tf.memory().numTensors;
        const z = tf.tensor2d(rows);
        const t = topKTargets(z, { k, missing });
        const got = await t.data();
        tf.dispose([z, t]);
        expect(tf.memory().numTensors).toBe(before);
        rows.forEach((row, r) => {
          const want = truncateRow(row, k, missing).target;
          want.forEach((w, v) => expect(got[r * 6 + v]).toBeCloseTo(w, 4));
        });
      }
  });
});
