import { beforeAll, describe, expect, it } from 'vitest';
import { tf, useCpu } from '../test/tf';
import { acceptance, draftChars, expectedCharsPerCall, greedyDraftChars } from './acceptance';

beforeAll(useCpu);

const softmax = (z: number[]) => {
  const e = z.map((v) => Math.exp(v - Math.max(...z)));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
};

async function value(metric: typeof acceptance, zt: number[][], zs: number[][], mask?: number[]) {
  const r = tf.tidy(() =>
    metric.compute(tf, {
      teacherLogits: tf.tensor2d(zt),
      studentLogits: tf.tensor2d(zs),
      labels: tf.zeros([zt.length], 'int32') as tf.Tensor1D,
      mask: mask ? tf.tensor1d(mask) : undefined,
    }),
  );
  const v = (await r.data())[0]!;
  r.dispose();
  return v;
}

describe('expected characters per teacher call, (1 − α^(γ+1)) / (1 − α)', () => {
  it('matches hand values at γ = 4', () => {
    // α = 0.5: (1 − 1/32) / 0.5 = 1.9375; α = 0.8: (1 − 0.32768) / 0.2 = 3.3616; α = 0: the teacher's own token.
    expect(expectedCharsPerCall(0.5)).toBeCloseTo(1.9375, 12);
    expect(expectedCharsPerCall(0.8)).toBeCloseTo(3.3616, 12);
    expect(expectedCharsPerCall(0)).toBe(1);
    expect(expectedCharsPerCall(0.9, 2)).toBeCloseTo((1 - 0.9 ** 3) / 0.1, 12);
  });
  it('tends to γ + 1 as α → 1, and is exactly that at α = 1', () => {
    expect(expectedCharsPerCall(1)).toBe(5);
    expect(expectedCharsPerCall(1 - 1e-9)).toBeCloseTo(5, 6);
    expect(expectedCharsPerCall(1, 7)).toBe(8);
  });
});

describe('draft metrics on logits', () => {
  const zt = [
    [2, 1, 0],
    [0, 0, 3],
  ];
  const zs = [
    [1, 2, 0],
    [0, 0, 3],
  ];
  // Row 1: p = softmax(2,1,0), q = softmax(1,2,0): Σ min = 2·min(0.665, 0.245) + 0.090; row 2: p = q, 1.
  const p = softmax(zt[0]!);
  const q = softmax(zs[0]!);
  const row1 = p.reduce((s, pi, i) => s + Math.min(pi, q[i]!), 0);
  it('acceptance is the token-mean Σ min(p, q) = 1 − TVD, honouring the mask', async () => {
    expect(await value(acceptance, zt, zs)).toBeCloseTo((row1 + 1) / 2, 6);
    expect(await value(acceptance, zt, zs, [1, 0])).toBeCloseTo(row1, 6);
    expect(await value(acceptance, zt, zt)).toBeCloseTo(1, 6);
  });
  it('characters per call apply the formula to the sampling acceptance and to greedy agreement', async () => {
    expect(await value(draftChars, zt, zs)).toBeCloseTo(expectedCharsPerCall((row1 + 1) / 2), 5);
    // Greedy: row 1's arg-maxes differ, row 2's agree: α = 0.5.
    expect(await value(greedyDraftChars, zt, zs)).toBeCloseTo(1.9375, 6);
    expect(await value(greedyDraftChars, zt, zt)).toBeCloseTo(5, 6);
  });
});
