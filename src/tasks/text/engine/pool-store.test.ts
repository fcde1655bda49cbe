/**
 * The teacher-output pool's storage and the targets rebuilt from it, value by value on a small
 * example, and what the objectives make of those targets at a temperature.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { logSoftmaxT } from '../../../objectives/divergences';
import { getObjective } from '../../../objectives';
import { tf, useCpu } from '../../../test/tf';
import { LOG_ZERO, UNIFORM_FLOOR, createStore, denseTargets, storeBytes, storeRows, truncatedMass } from './pool-store';
import { poolBytesPerWindow, type MissingProbability } from '../pool';

beforeAll(useCpu);

const V = 5;
/** Two tokens (one window of context 2): distinct logits, and a tie between ids 1 and 2. */
const LOGITS = Float32Array.from([2, 1, 0, -1, 3, 0.5, 1, 1, -2, 0]);

/** softmax(z / T) in float64. */
function softmax(z: ArrayLike<number>, T = 1): number[] {
  const v = Array.from(z, (x) => x / T);
  const max = Math.max(...v);
  const e = v.map((x) => Math.exp(x - max));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
}

const topK = (k: number, missing: MissingProbability = 'zero') => {
  const s = createStore({ outputs: 'top-k', k, missingProbability: missing }, 1, 2, V);
  storeRows(s, 0, LOGITS);
  return s;
};

describe('teacher-output pool storage', () => {
  it('keeps the top k log-probabilities with their ids (ties to the lower id) and the mass they keep', () => {
    const s = topK(2);
    const p0 = softmax(LOGITS.subarray(0, 5));
    const p1 = softmax(LOGITS.subarray(5, 10));
    // Token 0: logits 3 (id 4) and 2 (id 0) are the top two. Token 1: 1 and 1 tie (ids 1, 2).
    expect(Array.from(s.ids!)).toEqual([4, 0, 1, 2]);
    const lp = Array.from(s.logProbs!);
    [Math.log(p0[4]!), Math.log(p0[0]!), Math.log(p1[1]!), Math.log(p1[2]!)].forEach((v, i) =>
      expect(lp[i]).toBeCloseTo(v, 6),
    );
    expect(s.kept![0]).toBeCloseTo(p0[4]! + p0[0]!, 6);
    expect(s.kept![1]).toBeCloseTo(p1[1]! + p1[2]!, 6);
    const mass = (1 - (p0[4]! + p0[0]!) + 1 - (p1[1]! + p1[2]!)) / 2;
    expect(truncatedMass(s)).toBeCloseTo(mass, 6);
    // 2 tokens × (2 × (4 + 1) + 4) bytes, and the pure part's figure per window (+ its start offset).
    expect(storeBytes(s)).toBe(28);
    expect(poolBytesPerWindow({ size: 1, outputs: 'top-k', k: 2, missingProbability: 'zero' }, 2, V)).toBe(32);
  });

  it('`zero`: the kept k renormalised, exact zeros elsewhere, at T = 1 and tempered (p^(1/T) renormalised)', async () => {
    const s = topK(2, 'zero');
    const dense = denseTargets(s, [0]);
    const p0 = softmax(LOGITS.subarray(0, 5));
    const kept = p0[4]! + p0[0]!;
    expect(dense[1]).toBe(LOG_ZERO);
    expect(dense[4]).toBeCloseTo(Math.log(p0[4]! / kept), 6);
    for (const T of [1, 2, 4, 20]) {
      const q = tf.tidy(() => tf.exp(logSoftmaxT(tf, tf.tensor2d(dense, [2, V]), T)));
      const got = Array.from((await q.data()) as Float32Array).slice(0, V);
      q.dispose();
      const a = p0[4]! ** (1 / T);
      const b = p0[0]! ** (1 / T);
      const want = [b / (a + b), 0, 0, 0, a / (a + b)];
      want.forEach((w, i) => expect(got[i]).toBeCloseTo(w, 6));
      // Exactly zero, not merely small, outside the top k.
      expect([got[1], got[2], got[3]]).toEqual([0, 0, 0]);
    }
  });

  it('`symmetric_uniform`: the kept k unchanged, the missing mass spread evenly over the other tokens', async () => {
    const s = topK(2, 'symmetric_uniform');
    const dense = denseTargets(s, [0]);
    const p1 = softmax(LOGITS.subarray(5, 10));
    const m = 1 - (p1[1]! + p1[2]!);
    const q = tf.tidy(() => tf.exp(logSoftmaxT(tf, tf.tensor2d(dense, [2, V]), 1)));
    const got = Array.from((await q.data()) as Float32Array).slice(V);
    q.dispose();
    [m / 3, p1[1]!, p1[2]!, m / 3, m / 3].forEach((w, i) => expect(got[i]).toBeCloseTo(w, 6));
    // A token that keeps all its mass spreads the floor, never log 0.
    const peaked = createStore({ outputs: 'top-k', k: 1, missingProbability: 'symmetric_uniform' }, 1, 1, V);
    storeRows(peaked, 0, Float32Array.from([200, 0, 0, 0, 0]));
    expect(peaked.kept![0]).toBe(1);
    expect(denseTargets(peaked, [0])[1]).toBeCloseTo(Math.log(UNIFORM_FLOOR), 5);
  });

  it('full outputs (and top-k with k ≥ the vocabulary) store the logits themselves: targets are the teacher’s', () => {
    for (const spec of [
      { outputs: 'full' as const, k: 2, missingProbability: 'zero' as const },
      { outputs: 'top-k' as const, k: V, missingProbability: 'zero' as const },
    ]) {
      const s = createStore(spec, 1, 2, V);
      storeRows(s, 0, LOGITS);
      expect(s.outputs).toBe('full');
      expect(truncatedMass(s)).toBe(0);
      expect(Array.from(denseTargets(s, [0]))).toEqual(Array.from(LOGITS));
      expect(storeBytes(s)).toBe(2 * V * 4);
    }
  });

  it('gathers windows in the order asked, repeats included', () => {
    const s = createStore({ outputs: 'top-k', k: 1, missingProbability: 'zero' }, 2, 1, V);
    storeRows(s, 0, LOGITS);
    const d = denseTargets(s, [1, 0, 1]);
    expect(d.length).toBe(3 * V);
    expect(Array.from(d.subarray(0, V))).toEqual(Array.from(d.subarray(2 * V)));
    expect(d[V + 4]).toBeCloseTo(0, 6); // window 0’s only token keeps id 4: log(p / p) = 0
  });

  it('a forward-KL objective learns from `zero` targets with finite loss and gradients; reverse KL would not', async () => {
    const dense = denseTargets(topK(2, 'zero'), [0]);
    const hinton = getObjective('hinton');
    const student = tf.variable(tf.randomNormal([2, V], 0, 1, 'float32', 3));
    const { value, grads } = tf.variableGrads(
      () =>
        hinton.loss(
          tf,
          {
            studentLogits: student as unknown as tf.Tensor2D,
            teacherLogits: tf.tensor2d(dense, [2, V]),
            labels: tf.tensor1d([0, 1], 'int32'),
            step: 0,
            totalSteps: 1,
          },
          { T: 4, alpha: 0.9, t2: 1 },
        ).total,
      [student],
    );
    const [v, g] = await Promise.all([value.data(), grads[student.name]!.data()]);
    expect(Number.isFinite(v[0])).toBe(true);
    expect(Array.from(g).every(Number.isFinite)).toBe(true);
    tf.dispose([value, student, ...Object.values(grads)]);
    // Reverse KL weighs log p by q: with p = 0 it is (near) infinite, so the schema refuses it.
    expect(getObjective('reverse-kl').infiniteWhereTeacherIsZero?.({})).toBe(true);
    expect(getObjective('jsd').infiniteWhereTeacherIsZero?.({ beta: 0.5 })).toBe(false);
    expect(getObjective('jsd').infiniteWhereTeacherIsZero?.({ beta: 1 })).toBe(true);
    expect(getObjective('hinton').infiniteWhereTeacherIsZero).toBeUndefined();
  });
});
