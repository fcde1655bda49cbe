/**
 * How objectives behave beyond a single value: batches without labels, DKD's warm-up, TAID's
 * adaptive t, when an objective is unavailable, and the registry's metadata. Inputs and
 * expected numbers come from the KD reference, as in objectives.golden.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { tf, useCpu } from '../test/tf';
import { OBJECTIVES, defaultParams, getObjective, unavailableReason } from '.';
import { EX1, EX3, TOKENS, evaluate } from './objectives.fixtures';

beforeAll(useCpu);

describe('batches without real labels (on-policy samples): the KD term has weight 1, not α', () => {
  // Ex.1, T = 2, T² on: KL·T² = 0.313684; CE(y = 0) at T = 1 = ln 3 (so α = 0.9 gives 0.392177).
  const hinton = getObjective('hinton');
  const params = { T: 2, alpha: 0.9, t2: 1 };
  it('no label: total = KD (0.313684), CE part 0', async () => {
    const r = await evaluate(hinton, { ...EX1, labelMask: [0] }, params);
    expect(r.parts.ce).toBe(0);
    expect(r.parts.kd).toBeCloseTo(0.313684, 5);
    expect(r.total).toBeCloseTo(0.313684, 5);
  });
  it('a real label: the usual mix (1 − α)·CE + α·KD = 0.392177, with or without a label mask', async () => {
    expect((await evaluate(hinton, { ...EX1, labelMask: [1] }, params)).total).toBeCloseTo(0.392177, 5);
    expect((await evaluate(hinton, EX1, params)).total).toBeCloseTo(0.392177, 5);
  });
  it('counts labels among valid rows only; one labelled valid row keeps the mix', async () => {
    // TOKENS, forward KL at T = 1: token-mean KD 0.221532 over the two valid rows.
    const p = { T: 1, alpha: 0.5, t2: 0 };
    const onlyMasked = await evaluate(hinton, { ...TOKENS, labelMask: [0, 0, 1] }, p);
    expect(onlyMasked.parts.ce).toBe(0);
    expect(onlyMasked.total).toBeCloseTo(0.221532, 5);
    const one = await evaluate(hinton, { ...TOKENS, labelMask: [1, 0, 0] }, p);
    expect(one.parts.ce).toBeGreaterThan(0);
    expect(one.total).toBeCloseTo(0.5 * one.parts.ce! + 0.5 * 0.221532, 5);
  });
  it('TAID too: (1 − α)·CE + α·KD with labels, KD alone without', async () => {
    const taid = getObjective('taid');
    const ctx = { studentFeatureDim: 0, teacherFeatureDim: 0, batchSize: 1, random: Math.random };
    const state = taid.createState!(tf, ctx, defaultParams(taid));
    const none = await evaluate(taid, { ...EX1, labelMask: [0] }, { alpha: 0.7 }, state);
    expect(none.parts.kd).toBeCloseTo(0.051279, 5);
    expect(none.total).toBeCloseTo(0.051279, 5);
    const some = await evaluate(taid, { ...EX1, labelMask: [1] }, { alpha: 0.7 }, state);
    expect(some.total).toBeCloseTo(0.3 * some.parts.ce! + 0.7 * 0.051279, 5);
    state.variables.forEach((v) => v.dispose());
  });
  it('the gradient of a label-free batch is the gradient of KD alone', async () => {
    const grad = (alpha: number) =>
      tf.tidy(() =>
        tf.grad(
          (zs) =>
            hinton.loss(
              tf,
              {
                studentLogits: zs as tf.Tensor2D,
                teacherLogits: tf.tensor2d(EX1.zt),
                labels: tf.tensor1d([0], 'int32'),
                labelMask: tf.tensor1d([0]),
                step: 0,
                totalSteps: 1,
              },
              { T: 2, alpha, t2: 1 },
            ).total,
        )(tf.tensor2d([[0.3, -0.2, 0.5]])),
      );
    const [a, b] = [grad(0.3), grad(1)];
    const [va, vb] = await Promise.all([a.data(), b.data()]);
    expect(Math.max(...vb.map(Math.abs))).toBeGreaterThan(1e-3);
    va.forEach((v, i) => expect(v).toBeCloseTo(vb[i]!, 7));
    [a, b].forEach((t) => t.dispose());
  });
});

describe('DKD', () => {
  const dkd = getObjective('dkd');
  it('warms up linearly over the warm-up steps', async () => {
    const full = await evaluate(dkd, { ...EX3, step: 99 }, { T: 4, warmup: 100, ceWeight: 0 });
    const half = await evaluate(dkd, { ...EX3, step: 49 }, { T: 4, warmup: 100, ceWeight: 0 });
    expect(half.total).toBeCloseTo(full.total / 2, 5);
  });
});

describe('TAID', () => {
  const taid = getObjective('taid');
  const ctx = { studentFeatureDim: 0, teacherFeatureDim: 0, batchSize: 1, random: Math.random };
  const trace = async (total: number) => {
    const state = taid.createState!(tf, ctx, defaultParams(taid));
    const out: number[] = [];
    for (const [step, value] of [2.0, 1.8, 1.7, 1.65, 1.6].entries()) {
      // The trace's losses are what the official update_t(loss) receives: the CE form.
      const loss = tf.scalar(value);
      const result = { total: loss, parts: { kd: loss }, aux: { ceForm: loss } };
      taid.afterStep!(tf, state, result, { step, totalSteps: total }, defaultParams(taid));
      loss.dispose();
      out.push((await state.values.t!.data())[0]!);
    }
    state.variables.forEach((v) => v.dispose());
    return out;
  };
  it('t trace with total = 10: [0.4, 0.46, 0.52, 0.58, 0.64] (the linear target dominates)', async () => {
    const t = await trace(10);
    [0.4, 0.46, 0.52, 0.58, 0.64].forEach((v, i) => expect(t[i]).toBeCloseTo(v, 6));
  });
  it('t trace with total = 10⁶: [0.4, 0.40015007, 0.40030015, 0.40045022, 0.40060026] (the adaptive δ dominates)', async () => {
    const t = await trace(1e6);
    [0.4, 0.40015007, 0.40030015, 0.40045022, 0.40060026].forEach((v, i) =>
      expect(Math.abs(t[i]! - v)).toBeLessThan(2e-7),
    );
  });

  it('updates t from the cross-entropy form −Σ p_t log q (KL + H(p_t)), as the official update_t(loss)', async () => {
    // Three steps on known logits; the expected t and m are computed here in float64 from the
    // CE-form values, independently of the objective's code.
    const zt = [
      [2, 1, 0],
      [0, 0, 3],
    ];
    const zsSteps = [
      [
        [1, 1, 1],
        [0, 1, 2],
      ],
      [
        [1.5, 1, 0.2],
        [0, 0.5, 2.5],
      ],
      [
        [2, 0.8, -0.3],
        [-0.2, 0.1, 3],
      ],
    ];
    // Large rate and small momentum so a wrong loss value shows in t, not only in m.
    const params = { ...defaultParams(taid), rate: 0.05, momentum: 0.5 };
    const { tStart, tEnd, rate, momentum } = params as Record<string, number>;
    const totalSteps = 1_000_000;
    const logSoftmax = (z: number[]) => {
      const m = Math.max(...z);
      const lse = m + Math.log(z.reduce((a, v) => a + Math.exp(v - m), 0));
      return z.map((v) => v - lse);
    };
    /** Token-means of the CE form −Σ p_t log q and of the KL(p_t‖q), at interpolation t. */
    const forms = (zs: number[][], t: number) => {
      let ceForm = 0;
      let kl = 0;
      zs.forEach((row, r) => {
        const logPt = logSoftmax(row.map((v, j) => (1 - t) * v + t * zt[r]![j]!));
        const logQ = logSoftmax(row);
        logPt.forEach((lp, j) => {
          ceForm -= Math.exp(lp) * logQ[j]!;
          kl += Math.exp(lp) * (lp - logQ[j]!);
        });
      });
      return { ceForm: ceForm / zs.length, kl: kl / zs.length };
    };
    const update = (
      s: { t: number; m: number; prev: number; started: boolean },
      loss: number,
      step: number,
    ): typeof s => {
      if (!s.started) return { ...s, prev: loss, started: true };
      const m = momentum! * s.m + (1 - momentum!) * ((s.prev - loss) / (s.prev + 1e-15));
      const delta = (rate! / (1 + Math.exp(-m))) * (1 - s.t);
      const target = tStart! + ((tEnd! - tStart!) * step) / totalSteps;
      return { t: Math.min(tEnd!, Math.max(target, s.t + delta)), m, prev: loss, started: true };
    };

    const state = taid.createState!(tf, { ...ctx, batchSize: 2 }, params);
    let byCe = { t: tStart!, m: 0, prev: 0, started: false };
    let byKl = { ...byCe };
    for (const [step, zs] of zsSteps.entries()) {
      const out = tf.tidy(() => {
        const r = taid.loss(
          tf,
          {
            studentLogits: tf.tensor2d(zs),
            teacherLogits: tf.tensor2d(zt),
            labels: tf.tensor1d([0, 2], 'int32'),
            step,
            totalSteps,
          },
          params,
          state,
        );
        return [r.total, r.parts.kd!, r.parts.ce!, r.aux!.ceForm!];
      });
      const [total, kd, ce, ceForm] = out as tf.Scalar[];
      const expected = forms(zs, byCe.t);
      expect((await ceForm!.data())[0]).toBeCloseTo(expected.ceForm, 5);
      expect((await kd!.data())[0]).toBeCloseTo(expected.kl, 5);
      taid.afterStep!(
        tf,
        state,
        { total: total!, parts: { kd: kd!, ce: ce! }, aux: { ceForm: ceForm! } },
        { step, totalSteps },
        params,
      );
      tf.dispose(out);
      byCe = update(byCe, expected.ceForm, step);
      byKl = update(byKl, forms(zs, byKl.t).kl, step);
      const [t, m] = await Promise.all([state.values.t!.data(), state.values.m!.data()]);
      expect(Math.abs(t[0]! - byCe.t), `t after step ${step}`).toBeLessThan(1e-6);
      expect(Math.abs(m[0]! - byCe.m), `m after step ${step}`).toBeLessThan(1e-6);
      // The KL form would have given a clearly different momentum (so this test can tell them apart).
      if (step > 0) expect(Math.abs(m[0]! - byKl.m)).toBeGreaterThan(1e-2);
    }
    expect(byCe.t).toBeGreaterThan(tStart!);
    state.variables.forEach((v) => v.dispose());
  });
});

describe('feature objectives', () => {
  it('are unavailable, with a reason, when a model has no hidden layer or the batch is too small', () => {
    const ok = { studentFeatureDim: 8, teacherFeatureDim: 32, batchSize: 64 };
    expect(unavailableReason(getObjective('features'), ok)).toBeNull();
    expect(unavailableReason(getObjective('features'), { ...ok, studentFeatureDim: 0 })).toMatch(
      /student has no hidden layer/,
    );
    expect(unavailableReason(getObjective('rkd'), { ...ok, teacherFeatureDim: 0 })).toMatch(
      /teacher has no hidden layer/,
    );
    expect(unavailableReason(getObjective('rkd'), { ...ok, batchSize: 2 })).toMatch(/batch size of at least 3/);
    expect(unavailableReason(getObjective('hinton'), { ...ok, studentFeatureDim: 0 })).toBeNull();
  });
});

describe('registry', () => {
  it('every objective has a paper or is the baseline, defaults inside ranges, unique part names', () => {
    for (const def of OBJECTIVES) {
      if (def.id !== 'baseline') expect(def.paper, def.id).toBeDefined();
      for (const p of def.params) {
        expect(p.default).toBeGreaterThanOrEqual(p.min);
        expect(p.default).toBeLessThanOrEqual(p.max);
      }
      expect(new Set(def.components.map((c) => c.key)).size).toBe(def.components.length);
    }
  });
});
