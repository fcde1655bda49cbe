/**
 * Golden values from the KD reference (PyTorch/python float64, copied here so the tests do not
 * depend on anything outside the project) and finite-difference gradient checks.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { tf, useCpu } from '../test/tf';
import { OBJECTIVES, defaultParams, getObjective } from '.';
import type { ObjectiveDef } from './types';

beforeAll(useCpu);

/** Runs an objective on plain arrays and reads back the total and its parts. */
async function evaluate(
  def: ObjectiveDef,
  zt: number[][],
  zs: number[][],
  y: number[],
  params: Record<string, number>,
  mask?: number[],
) {
  const r = tf.tidy(() => {
    const out = def.loss(
      tf,
      {
        studentLogits: tf.tensor2d(zs),
        teacherLogits: tf.tensor2d(zt),
        labels: tf.tensor1d(y, 'int32'),
        mask: mask ? tf.tensor1d(mask) : undefined,
        step: 0,
        totalSteps: 100,
      },
      { ...defaultParams(def), ...params },
    );
    return [out.total, ...def.components.map((c) => out.parts[c.key]!)];
  });
  const values = await Promise.all(r.map(async (t) => (await t.data())[0]!));
  r.forEach((t) => t.dispose());
  return { total: values[0]!, parts: Object.fromEntries(def.components.map((c, i) => [c.key, values[i + 1]!])) };
}

const EX1 = { zt: [[2, 1, 0]], zs: [[1, 1, 1]], y: [0] };
const EX3 = { zt: [[3, 1, -1, 0]], zs: [[1, 2, 0, 0]], y: [0] };

describe('Hinton KD golden values (reference §5)', () => {
  const hinton = getObjective('hinton');
  it('Ex. 1, T = 2: KL·T² = 0.313684, total with α = 0.9 = 0.392177', async () => {
    const r = await evaluate(hinton, EX1.zt, EX1.zs, EX1.y, { T: 2, alpha: 0.9, t2: 1 });
    expect(r.parts.kd).toBeCloseTo(0.313684, 5);
    expect(r.parts.ce).toBeCloseTo(1.098612, 5);
    expect(r.total).toBeCloseTo(0.392177, 5);
  });
  it('Ex. 1, T = 2 without T²: KL(p‖q) = 0.078421', async () => {
    const r = await evaluate(hinton, EX1.zt, EX1.zs, EX1.y, { T: 2, alpha: 1, t2: 0 });
    expect(r.total).toBeCloseTo(0.078421, 5);
  });
  it('Ex. 2, T = 1: forward KL = 0.266217', async () => {
    const r = await evaluate(hinton, EX1.zt, EX1.zs, EX1.y, { T: 1, alpha: 1, t2: 1 });
    expect(r.total).toBeCloseTo(0.266217, 5);
  });
  it('Ex. 3, T = 4: KL·T² = 0.894630', async () => {
    const r = await evaluate(hinton, EX3.zt, EX3.zs, EX3.y, { T: 4, alpha: 1, t2: 1 });
    expect(r.total).toBeCloseTo(0.89463, 5);
  });
  it('token-mean with a mask: per-token FKL [0.266217, 0.176848, 2.248107], mask [1,1,0] → 0.221532', async () => {
    const zt = [
      [2, 1, 0],
      [0, 0, 3],
      [1, 1, 1],
    ];
    const zs = [
      [1, 1, 1],
      [0, 1, 2],
      [5, 0, 0],
    ];
    const r = await evaluate(hinton, zt, zs, [0, 0, 0], { T: 1, alpha: 1, t2: 0 }, [1, 1, 0]);
    expect(r.total).toBeCloseTo(0.221532, 5);
  });
  it('defaults are the official ones: T = 4, α = 0.9 (mdistiller CFG.KD)', () => {
    expect(defaultParams(hinton)).toEqual({ T: 4, alpha: 0.9, t2: 1 });
  });
});

describe('no-teacher baseline', () => {
  it('is the hard-label cross-entropy: uniform student → ln 3', async () => {
    const r = await evaluate(getObjective('baseline'), EX1.zt, EX1.zs, EX1.y, {});
    expect(r.total).toBeCloseTo(Math.log(3), 5);
  });
  it('ignores the teacher entirely', async () => {
    const a = await evaluate(getObjective('baseline'), EX1.zt, EX3.zs, EX3.y, {});
    const b = await evaluate(getObjective('baseline'), EX3.zt, EX3.zs, EX3.y, {});
    expect(a.total).toBe(b.total);
  });
});

describe('gradient check: analytic gradient w.r.t. student logits matches central differences', () => {
  const zt = [
    [0.5, -1.2, 2.0, 0.3],
    [1.5, 0.2, -0.7, 0.1],
  ];
  const zs = [
    [0.1, 0.4, -0.3, 1.1],
    [-0.6, 0.9, 0.2, 0.05],
  ];
  const y = [2, 0];
  for (const def of OBJECTIVES) {
    it(def.id, async () => {
      const params = { ...defaultParams(def), T: 2 };
      const f = (s: tf.Tensor) =>
        def.loss(
          tf,
          {
            studentLogits: s as tf.Tensor2D,
            teacherLogits: tf.tensor2d(zt),
            labels: tf.tensor1d(y, 'int32'),
            step: 5,
            totalSteps: 100,
          },
          params,
        ).total;
      const g = tf.tidy(() => tf.grad(f)(tf.tensor2d(zs)));
      const analytic = await g.data();
      g.dispose();
      const eps = 1e-2;
      const flat = zs.flat();
      for (let i = 0; i < flat.length; i++) {
        const shifted = (d: number) => {
          const v = flat.slice();
          v[i]! += d;
          return tf.tidy(() => f(tf.tensor2d(v, [2, 4])));
        };
        const plus = shifted(eps);
        const minus = shifted(-eps);
        const numeric = ((await plus.data())[0]! - (await minus.data())[0]!) / (2 * eps);
        plus.dispose();
        minus.dispose();
        expect(Math.abs(analytic[i]! - numeric)).toBeLessThan(2e-3 + 1e-2 * Math.abs(numeric));
      }
    });
  }
});

describe('registry', () => {
  it('every objective lists its parameters with defaults inside their ranges', () => {
    for (const def of OBJECTIVES) {
      for (const p of def.params) {
        expect(p.default).toBeGreaterThanOrEqual(p.min);
        expect(p.default).toBeLessThanOrEqual(p.max);
      }
      expect(new Set(def.components.map((c) => c.key)).size).toBe(def.components.length);
    }
  });
});
