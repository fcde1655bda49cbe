/**
 * Golden values and gradient checks for every objective.
 *
 * Distribution objectives: the numbers of §5 of the KD reference (python float64, Ex. 1
 * cross-checked against PyTorch), copied here so the tests need nothing outside the project.
 * Feature objectives (FitNets, cosine, RKD) have no reference values; theirs were computed
 * with a plain-python transcription of mdistiller's code (kept in the comment beside them).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { tf, useCpu } from '../test/tf';
import { OBJECTIVES, defaultParams, getObjective, unavailableReason } from '.';
import { entropyRows, logSoftmaxT } from './divergences';
import type { ObjectiveDef, ObjectiveState } from './types';

beforeAll(useCpu);

interface Case {
  zt: number[][];
  zs: number[][];
  y: number[];
  mask?: number[];
  labelMask?: number[];
  hs?: number[][];
  ht?: number[][];
  step?: number;
}

const EX1: Case = { zt: [[2, 1, 0]], zs: [[1, 1, 1]], y: [0] };
const EX3: Case = { zt: [[3, 1, -1, 0]], zs: [[1, 2, 0, 0]], y: [0] };
const TOKENS: Case = {
  zt: [
    [2, 1, 0],
    [0, 0, 3],
    [1, 1, 1],
  ],
  zs: [
    [1, 1, 1],
    [0, 1, 2],
    [5, 0, 0],
  ],
  y: [0, 0, 0],
  mask: [1, 1, 0],
};
/**
 * Two sequences of three tokens, flattened to rows as the text task does ([B·T, V]), with
 * unequal numbers of valid tokens: masks [1, 1, 0] and [1, 0, 0]. The first is TOKENS; the
 * second is TOKENS' pairs in the order 3, 1, 2, so its one valid token is the pair whose
 * per-token FKL is 2.248107 (RKL 1.018743).
 */
const TWO_SEQUENCES: Case = {
  zt: [...TOKENS.zt, TOKENS.zt[2]!, TOKENS.zt[0]!, TOKENS.zt[1]!],
  zs: [...TOKENS.zs, TOKENS.zs[2]!, TOKENS.zs[0]!, TOKENS.zs[1]!],
  y: [0, 0, 0, 0, 0, 0],
  mask: [1, 1, 0, 1, 0, 0],
};

/** Runs an objective on plain arrays and reads back the total and its parts. */
async function evaluate(def: ObjectiveDef, c: Case, params: Record<string, number>, state?: ObjectiveState) {
  const all = { ...defaultParams(def), ...params };
  const r = tf.tidy(() => {
    const out = def.loss(
      tf,
      {
        studentLogits: tf.tensor2d(c.zs),
        teacherLogits: tf.tensor2d(c.zt),
        labels: tf.tensor1d(c.y, 'int32'),
        mask: c.mask ? tf.tensor1d(c.mask) : undefined,
        labelMask: c.labelMask ? tf.tensor1d(c.labelMask) : undefined,
        studentFeatures: c.hs ? tf.tensor2d(c.hs) : undefined,
        teacherFeatures: c.ht ? tf.tensor2d(c.ht) : undefined,
        step: c.step ?? 1_000_000,
        totalSteps: 1_000_000,
      },
      all,
      state,
    );
    return [out.total, ...def.components.map((k) => out.parts[k.key]!)];
  });
  const values = await Promise.all(r.map(async (t) => (await t.data())[0]!));
  r.forEach((t) => t.dispose());
  return { total: values[0]!, parts: Object.fromEntries(def.components.map((k, i) => [k.key, values[i + 1]!])) };
}

/** Pure divergence: α = 1 (no CE), no T² unless asked. */
const pure = (extra: Record<string, number> = {}) => ({ alpha: 1, t2: 0, ...extra });

const golden: [string, string, Case, Record<string, number>, number][] = [
  // objective, what, case, params, expected (reference §5)
  ['hinton', 'Ex.1 KL(p‖q)·T², T = 2', EX1, { T: 2, alpha: 1, t2: 1 }, 0.313684],
  ['hinton', 'Ex.1 KL(p‖q), T = 2', EX1, pure({ T: 2 }), 0.078421],
  ['hinton', 'Ex.1 Hinton total, y = 0, α = 0.9 (CE at T = 1)', EX1, { T: 2, alpha: 0.9, t2: 1 }, 0.392177],
  ['hinton', 'Ex.2 forward KL, T = 1', EX1, pure({ T: 1 }), 0.266217],
  ['hinton', 'Ex.3 KL·T², T = 4', EX3, { T: 4, alpha: 1, t2: 1 }, 0.89463],
  ['hinton', 'Ex.3 forward KL, T = 1', EX3, pure({ T: 1 }), 0.842858],
  ['hinton', 'masked token-mean of per-token FKL', TOKENS, pure({ T: 1 }), 0.221532],
  ['reverse-kl', 'Ex.1 KL(q‖p), T = 2', EX1, pure({ T: 2 }), 0.081657],
  ['reverse-kl', 'Ex.1 KL(q‖p)·T², T = 2', EX1, pure({ T: 2, t2: 1 }), 0.32663],
  ['reverse-kl', 'Ex.2 reverse KL', EX1, pure(), 0.308994],
  ['reverse-kl', 'Ex.3 reverse KL', EX3, pure(), 0.93523],
  ['reverse-kl', 'masked token-mean of per-token RKL', TOKENS, pure(), 0.287899],
  // Pooled over the batch, Σm·x/Σm (the reference's token-mean): (0.266217 + 0.176848 +
  // 2.248107)/3 for FKL, not the mean of the per-sequence means (0.221532 + 2.248107)/2 = 1.234820
  // (RKL: 0.653321). Python of §6 of the reference.
  [
    'hinton',
    'token-mean pooled over two sequences of 2 and 1 valid tokens (FKL)',
    TWO_SEQUENCES,
    pure({ T: 1 }),
    0.897057,
  ],
  ['reverse-kl', 'token-mean pooled over two sequences of 2 and 1 valid tokens (RKL)', TWO_SEQUENCES, pure(), 0.531514],
  ['jsd', 'Ex.1 JS (β = 0.5), T = 2', EX1, pure({ T: 2, beta: 0.5 }), 0.019796],
  ['jsd', 'Ex.1 TRL GJSD β = 0.1, T = 2', EX1, pure({ T: 2, beta: 0.1 }), 0.007061],
  ['jsd', 'Ex.1 TRL GJSD β = 0.9, T = 2', EX1, pure({ T: 2, beta: 0.9 }), 0.00729],
  ['jsd', 'Ex.2 JS', EX1, pure({ beta: 0.5 }), 0.068712],
  ['jsd', 'Ex.2 GJSD β = 0.1 (= DistiLLM js_distance(0.9) = TAID JS(0.1))', EX1, pure({ beta: 0.1 }), 0.023992],
  ['jsd', 'Ex.3 JS', EX3, pure({ beta: 0.5 }), 0.203195],
  ['jsd', 'β = 0 is exactly forward KL (Ex.2)', EX1, pure({ beta: 0 }), 0.266217],
  ['jsd', 'β = 1 is exactly reverse KL (Ex.2)', EX1, pure({ beta: 1 }), 0.308994],
  ['tvd', 'Ex.1 TVD, T = 2', EX1, pure({ T: 2 }), 0.173147],
  ['tvd', 'Ex.2 TVD', EX1, pure(), 0.331908],
  ['tvd', 'Ex.3 TVD', EX3, pure(), 0.606437],
  ['skew-kl', 'Ex.1 SKL α = 0.1, T = 2', EX1, pure({ T: 2, skew: 0.1 }), 0.063595],
  ['skew-kl', 'Ex.2 SKL', EX1, pure({ skew: 0.1 }), 0.216488],
  ['skew-kl', 'Ex.3 SKL', EX3, pure({ skew: 0.1 }), 0.657157],
  ['skew-reverse-kl', 'Ex.1 SRKL α = 0.1, T = 2', EX1, pure({ T: 2, skew: 0.1 }), 0.065114],
  ['skew-reverse-kl', 'Ex.2 SRKL', EX1, pure({ skew: 0.1 }), 0.234462],
  ['skew-reverse-kl', 'Ex.3 SRKL', EX3, pure({ skew: 0.1 }), 0.690448],
  ['ab', 'Ex.1 ABKD (0.5, 0.5), T = 2', EX1, pure({ T: 2, abAlpha: 0.5, abBeta: 0.5 }), 0.079609],
  ['ab', 'Ex.1 ABKD (0.2, 0.7), T = 2', EX1, pure({ T: 2, abAlpha: 0.2, abBeta: 0.7 }), 0.090445],
  ['ab', 'Ex.2 ABKD (0.5, 0.5)', EX1, pure({ abAlpha: 0.5, abBeta: 0.5 }), 0.281],
  ['ab', '(0, 1) is reverse KL (Ex.1, T = 2)', EX1, pure({ T: 2, abAlpha: 0, abBeta: 1 }), 0.081657],
  ['ab', '(1, 0) is forward KL (Ex.1, T = 2)', EX1, pure({ T: 2, abAlpha: 1, abBeta: 0 }), 0.078421],
  // Limits, from the AB family's log-ratio forms (python, /tmp/golden.py in the dev notes):
  ['ab', '(0, 0): ½Σ(log p − log q)² (Ex.1, T = 2)', EX1, pure({ T: 2, abAlpha: 0, abBeta: 0 }), 0.260002],
  ['ab', '(0, 0.5) (Ex.1, T = 2)', EX1, pure({ T: 2, abAlpha: 0, abBeta: 0.5 }), 0.144983],
  ['ab', '(1.5, 0) (Ex.1, T = 2)', EX1, pure({ T: 2, abAlpha: 1.5, abBeta: 0 }), 0.045053],
  ['ab', '(1, 1): ½Σ(p − q)² (Ex.1, T = 2)', EX1, pure({ T: 2, abAlpha: 1, abBeta: 1 }), 0.026137],
  ['uld', 'Ex.1 ULD, T = 2', EX1, { T: 2, lambda: 1, ceWeight: 0 }, 0.346294],
  ['uld', 'Ex.2 ULD', EX1, { lambda: 1, ceWeight: 0 }, 0.663815],
  [
    'uld',
    'teacher V = 4 vs student V = 3 (zero-padded)',
    { zt: [[2, 0, 1, -1]], zs: [[0, 1, 0.5]], y: [0] },
    { lambda: 1, ceWeight: 0 },
    0.338985,
  ],
  ['baseline', 'uniform student: CE = ln 3', EX1, {}, Math.log(3)],
  // −log softmax([2, 1, 0]) at classes 0 and 2 = 0.407606 and 2.407606: batch mean 1.407606.
  [
    'baseline',
    'student [2, 1, 0], labels 0 and 2: mean CE',
    {
      zt: [
        [0, 0, 0],
        [0, 0, 0],
      ],
      zs: [
        [2, 1, 0],
        [2, 1, 0],
      ],
      y: [0, 2],
    },
    {},
    1.407606,
  ],
];

describe('golden values (to 1e-5)', () => {
  for (const [id, what, c, params, expected] of golden) {
    it(`${id}: ${what} = ${expected}`, async () => {
      const def = getObjective(id);
      const r = await evaluate(def, c, params);
      // Divergence objectives chart the divergence as `kd`; with α = 1 it is also the total.
      // ULD: with λ = 1 and no CE it is also the total.
      const pureKd = params.alpha === 1 || (params.lambda === 1 && params.ceWeight === 0);
      const value = id === 'baseline' || !pureKd ? r.total : r.parts.kd!;
      expect(Math.abs(value - expected)).toBeLessThan(1e-5);
      if (pureKd) expect(Math.abs(r.total - expected)).toBeLessThan(1e-5);
    });
  }

  it('token-mean pools the valid tokens of the whole batch (Σm·x/Σm), not the mean of per-sequence means', async () => {
    const fkl = getObjective('hinton');
    const rows = (from: number): Case => ({
      zt: TWO_SEQUENCES.zt.slice(from, from + 3),
      zs: TWO_SEQUENCES.zs.slice(from, from + 3),
      y: [0, 0, 0],
      mask: TWO_SEQUENCES.mask!.slice(from, from + 3),
    });
    const first = (await evaluate(fkl, rows(0), pure({ T: 1 }))).total; // 2 valid tokens
    const second = (await evaluate(fkl, rows(3), pure({ T: 1 }))).total; // 1 valid token
    const pooled = (await evaluate(fkl, TWO_SEQUENCES, pure({ T: 1 }))).total;
    expect(first).toBeCloseTo(0.221532, 5);
    expect(second).toBeCloseTo(2.248107, 5);
    expect(pooled).toBeCloseTo((2 * first + second) / 3, 5);
    expect(pooled).toBeCloseTo(0.897057, 5);
    // The mean of the per-sequence means would weigh the lone token of the second sequence twice.
    expect((first + second) / 2).toBeCloseTo(1.23482, 5);
    expect(Math.abs(pooled - (first + second) / 2)).toBeGreaterThan(0.3);
  });

  it('DistiLLM reports forward KL and skew KL in cross-entropy form: KL + H(p) = 1.098612 / 1.083787 (Ex.1, T = 2)', async () => {
    const hp = tf.tidy(() => entropyRows(tf, logSoftmaxT(tf, tf.tensor2d(EX1.zt), 2)));
    const H = (await hp.data())[0]!;
    hp.dispose();
    expect(H).toBeCloseTo(1.020191, 5);
    const fkl = await evaluate(getObjective('hinton'), EX1, pure({ T: 2 }));
    const skl = await evaluate(getObjective('skew-kl'), EX1, pure({ T: 2, skew: 0.1 }));
    expect(fkl.total + H).toBeCloseTo(1.098612, 5);
    expect(skl.total + H).toBeCloseTo(1.083787, 5);
  });
});

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
  it('Ex.1, y = 0, α = 1, β = 8, T = 2: TCKD 0.253870, NCKD 0.121199, total 1.223465', async () => {
    const r = await evaluate(dkd, EX1, { T: 2, alpha: 1, beta: 8, warmup: 1, ceWeight: 0 });
    expect(r.parts.tckd).toBeCloseTo(0.25387, 5);
    expect(r.parts.nckd).toBeCloseTo(0.121199, 5);
    expect(r.total).toBeCloseTo(1.223465, 5);
  });
  it('Ex.3, T = 4: TCKD 0.831596, NCKD 0.106602, total 1.684414, and KD·T² = TCKD + (1 − p_t[y])·NCKD', async () => {
    const r = await evaluate(dkd, EX3, { T: 4, alpha: 1, beta: 8, warmup: 1, ceWeight: 0 });
    expect(r.parts.tckd).toBeCloseTo(0.831596, 5);
    expect(r.parts.nckd).toBeCloseTo(0.106602, 5);
    // 2e-5, not 1e-5, on the total: the float32 result is 1.6844273 (1.29e-5 above python's
    // 1.6844144). TCKD is off by −2.8e-7 and NCKD by 1.65e-6: NCKD/T² is a KL of 0.0067 formed
    // from log-probabilities of size ~1, each rounded by ~6e-8 in float32 (tfjs has no float64),
    // and T²·β = 128 multiplies that. We tried rewriting NCKD around d = (z_t − z_s)/T (as
    // d − (lse_t − lse_s), and as −log1p(Σ p̂_s·expm1(d − E_p̂t[d]))): the first was worse here
    // (2.1e-6), the second met 1e-5 on this example but was less accurate on random logits and
    // gave NaN for large ones, so the direct form stays.
    expect(Math.abs(r.total - 1.684414)).toBeLessThan(2e-5);
    const pt = tf.tidy(() => tf.softmax(tf.div(tf.tensor1d(EX3.zt[0]!), 4)));
    const p0 = (await pt.data())[0]!;
    pt.dispose();
    expect(r.parts.tckd! + (1 - p0) * r.parts.nckd!).toBeCloseTo(0.89463, 5);
  });
  it('warms up linearly over the warm-up steps', async () => {
    const full = await evaluate(dkd, { ...EX3, step: 99 }, { T: 4, warmup: 100, ceWeight: 0 });
    const half = await evaluate(dkd, { ...EX3, step: 49 }, { T: 4, warmup: 100, ceWeight: 0 });
    expect(half.total).toBeCloseTo(full.total / 2, 5);
  });
});

describe('TAID', () => {
  const taid = getObjective('taid');
  const ctx = { studentFeatureDim: 0, teacherFeatureDim: 0, batchSize: 1, random: Math.random };
  it('at t = 0.4, Ex.1 (T = 1): KL(p_t‖q) = 0.051279; its CE form is 1.098612', async () => {
    const state = taid.createState!(tf, ctx, defaultParams(taid));
    const r = await evaluate(taid, EX1, { alpha: 1 }, state);
    expect(r.parts.kd).toBeCloseTo(0.051279, 5);
    const target = tf.tidy(() => entropyRows(tf, tf.logSoftmax(tf.tensor2d([[1.4, 1, 0.6]])))); // 0.6·z_s + 0.4·z_t
    const H = (await target.data())[0]!;
    target.dispose();
    expect(r.parts.kd! + H).toBeCloseTo(1.098612, 5);
    state.variables.forEach((v) => v.dispose());
  });
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
  // python: P = hs·W + b; mse = mean((P − ht)²) = 4.135833; cosine = mean(1 − cos(P, ht)) = 0.984179
  const hs = [
    [1, 2],
    [0, -1],
    [3, 0.5],
  ];
  const ht = [
    [1, 0, 2],
    [0.5, -1, 1],
    [2, 2, 0],
  ];
  const withProjection = () => {
    const def = getObjective('features');
    const state = def.createState!(
      tf,
      { studentFeatureDim: 2, teacherFeatureDim: 3, batchSize: 3, random: Math.random },
      {},
    );
    state.trainable[0]!.assign(
      tf.tensor2d([
        [0.5, -1, 0.2],
        [1, 0.3, -0.4],
      ]),
    );
    state.trainable[1]!.assign(tf.tensor1d([0.1, 0, -0.2]));
    return { def, state };
  };
  const c: Case = {
    zt: [
      [0, 0],
      [0, 0],
      [0, 0],
    ],
    zs: [
      [0, 0],
      [0, 0],
      [0, 0],
    ],
    y: [0, 1, 0],
    hs,
    ht,
  };
  it('FitNets hint: MSE through the learned projection = 4.135833', async () => {
    const { def, state } = withProjection();
    const r = await evaluate(def, c, { weight: 1, cosine: 0 }, state);
    expect(r.parts.hint).toBeCloseTo(4.135833, 5);
    expect(r.total).toBeCloseTo(4.135833 + Math.log(2), 5);
    state.variables.forEach((v) => v.dispose());
  });
  it('DistilBERT-style cosine: mean(1 − cos) = 0.984179', async () => {
    const { def, state } = withProjection();
    const r = await evaluate(def, c, { weight: 1, cosine: 1 }, state);
    expect(r.parts.hint).toBeCloseTo(0.984179, 5);
    state.variables.forEach((v) => v.dispose());
  });
  it('RKD (mdistiller rkd_loss): distance 0.038509, angle 0.110198, 25·d + 50·a = 6.472597', async () => {
    const rkd = getObjective('rkd');
    const fc: Case = {
      zt: [
        [0, 0],
        [0, 0],
        [0, 0],
        [0, 0],
      ],
      zs: [
        [0, 0],
        [0, 0],
        [0, 0],
        [0, 0],
      ],
      y: [0, 0, 0, 0],
      hs: [
        [0.2, 1.0],
        [1.5, -0.3],
        [-0.7, 0.4],
        [0.9, 0.9],
      ],
      ht: [
        [1.0, 0.0, 0.5],
        [0.3, -1.2, 0.8],
        [-0.5, 0.6, -0.1],
        [1.1, 1.0, 0.2],
      ],
    };
    const r = await evaluate(rkd, fc, { ceWeight: 0 });
    expect(r.parts.distance).toBeCloseTo(0.038509, 5);
    expect(r.parts.angle).toBeCloseTo(0.110198, 5);
    expect(r.total).toBeCloseTo(6.472597, 4);
  });
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

describe('gradient check: analytic gradients match central differences', () => {
  const zt = [
    [0.5, -1.2, 2.0, 0.3],
    [1.5, 0.2, -0.7, 0.1],
    [-0.3, 0.8, 0.4, 1.2],
  ];
  const zs0 = [
    [0.1, 0.4, -0.3, 1.1],
    [-0.6, 0.9, 0.2, 0.05],
    [0.7, -0.2, 0.3, -0.4],
  ];
  const hs0 = [
    [0.3, -0.8, 0.5],
    [1.1, 0.2, -0.4],
    [-0.5, 0.6, 0.9],
  ];
  const ht = [
    [0.2, 0.4],
    [-0.9, 1.0],
    [0.6, -0.3],
  ];
  const y = [2, 0, 1];
  const EPS = 1e-2;
  /**
   * Bound on |analytic − numeric|: 2e-4 + 1e-2·|numeric|. tfjs computes in float32 only (no
   * float64 backend), so each loss value carries rounding of about 1e-7, some 1e-5 after
   * dividing by 2ε, and the central difference adds a truncation error of ε²/6·f‴. Worst
   * errors measured with ε = 1e-2: at most 7.8e-5 absolute for every objective and setting
   * below except RKD, whose worst is 7.0e-4 on a gradient of −4.52 (1.6e-4 relative; its
   * weights 25 and 50 make its gradients large). A zeroed or 5%-off gradient fails (last test).
   */
  const TOLERANCE = { abs: 2e-4, rel: 1e-2 };

  /**
   * Compares tf.variableGrads of `loss` with central differences of `numericLoss` (the same
   * function unless a detach makes them differ) with respect to every element of `vars`, and
   * returns the elements that disagree beyond the tolerance (empty when all agree).
   */
  async function gradientMismatches(
    vars: tf.Variable[],
    loss: () => tf.Scalar,
    tolerance: { abs: number; rel: number },
    numericLoss: () => tf.Scalar = loss,
  ): Promise<string[]> {
    const { value, grads } = tf.variableGrads(loss, vars);
    value.dispose();
    const analytic = await Promise.all(vars.map((v) => grads[v.name]!.data()));
    Object.values(grads).forEach((g) => g.dispose());
    const bad: string[] = [];
    let worst = 0;
    for (const [k, v] of vars.entries()) {
      const start = await v.data();
      const at = async (i: number, d: number) => {
        const moved = Float32Array.from(start);
        moved[i]! += d;
        tf.tidy(() => v.assign(tf.tensor(moved, v.shape)));
        const l = tf.tidy(numericLoss);
        const out = (await l.data())[0]!;
        l.dispose();
        return out;
      };
      for (let i = 0; i < start.length; i++) {
        const numeric = ((await at(i, EPS)) - (await at(i, -EPS))) / (2 * EPS);
        const error = Math.abs(analytic[k]![i]! - numeric);
        worst = Math.max(worst, error);
        if (error > tolerance.abs + tolerance.rel * Math.abs(numeric))
          bad.push(`${v.name}[${i}]: analytic ${analytic[k]![i]} vs numeric ${numeric}`);
      }
      tf.tidy(() => v.assign(tf.tensor(start, v.shape)));
    }
    if (process.env.GRAD_REPORT) console.log(`worst gradient error ${worst.toExponential(2)}`);
    return bad;
  }

  const ctx = (batchSize = 3) => {
    let k = 0;
    // Varied (not constant) initial projections, so a swapped or missing weight gradient shows.
    return { studentFeatureDim: 3, teacherFeatureDim: 2, batchSize, random: () => ((k++ * 0.618034) % 1) + 0 };
  };

  /** An objective's total as a function of variables holding the student's logits and features. */
  function lossOf(def: ObjectiveDef, params: Record<string, number>, state?: ObjectiveState) {
    const zs = tf.variable(tf.tensor2d(zs0));
    const hs = tf.variable(tf.tensor2d(hs0));
    const loss = () =>
      def.loss(
        tf,
        {
          studentLogits: zs as unknown as tf.Tensor2D,
          teacherLogits: tf.tensor2d(zt),
          labels: tf.tensor1d(y, 'int32'),
          studentFeatures: hs as unknown as tf.Tensor2D,
          teacherFeatures: tf.tensor2d(ht),
          step: 5,
          totalSteps: 100,
        },
        params,
        state,
      ).total;
    // Objectives that ignore features are checked with respect to the logits only; feature
    // objectives also with respect to the features and any trainable state (the projection).
    const vars = def.needs.features ? [zs, hs, ...(state?.trainable ?? [])] : [zs];
    return { zs, hs, vars, loss, dispose: () => [zs, hs, ...(state?.variables ?? [])].forEach((v) => v.dispose()) };
  }

  const cases: [string, string, Record<string, number>][] = [
    ...OBJECTIVES.filter((def) => def.id !== 'taid').map((def): [string, string, Record<string, number>] => [
      def.id,
      'defaults',
      {},
    ]),
    ['ab', 'α = 0, β = 0', { abAlpha: 0, abBeta: 0 }],
    ['ab', 'α = 0, β = 0.5', { abAlpha: 0, abBeta: 0.5 }],
    ['ab', 'α = 1.5, β = 0', { abAlpha: 1.5, abBeta: 0 }],
    ['ab', 'α = 0, β = 1 (reverse KL)', { abAlpha: 0, abBeta: 1 }],
    ['ab', 'α = 1, β = 0 (forward KL)', { abAlpha: 1, abBeta: 0 }],
    ['jsd', 'β = 0 (forward KL)', { beta: 0 }],
    ['jsd', 'β = 1 (reverse KL)', { beta: 1 }],
    ['features', 'cosine (DistilBERT)', { cosine: 1 }],
  ];
  for (const [id, what, extra] of cases) {
    const def = getObjective(id);
    const vs = def.needs.features
      ? ' logits, features and projection W, b'
      : def.params.some((p) => p.key === 'T')
        ? ' logits (T = 2)'
        : ' logits';
    it(`${id} (${what}): w.r.t. the student's${vs}`, async () => {
      const params = {
        ...defaultParams(def),
        ...(def.params.some((p) => p.key === 'T') ? { T: 2 } : {}),
        warmup: 1,
        ...extra,
      };
      const state = def.createState?.(tf, ctx(), params);
      const f = lossOf(def, params, state);
      expect(await gradientMismatches(f.vars, f.loss, TOLERANCE)).toEqual([]);
      f.dispose();
    });
  }

  it('taid: the gradient is (q − p_t)/rows with the target detached (finite differences would see through the detach)', async () => {
    const taid = getObjective('taid');
    const state = taid.createState!(
      tf,
      { studentFeatureDim: 0, teacherFeatureDim: 0, batchSize: 3, random: Math.random },
      defaultParams(taid),
    );
    const g = tf.tidy(() =>
      tf.grad(
        (zs) =>
          taid.loss(
            tf,
            {
              studentLogits: zs as tf.Tensor2D,
              teacherLogits: tf.tensor2d(zt),
              labels: tf.tensor1d(y, 'int32'),
              step: 0,
              totalSteps: 100,
            },
            defaultParams(taid),
            state,
          ).total,
      )(tf.tensor2d(zs0)),
    );
    const expected = tf.tidy(() => {
      const zs = tf.tensor2d(zs0);
      const target = tf.add(tf.mul(zs, 0.6), tf.mul(tf.tensor2d(zt), 0.4)); // t = t_start = 0.4
      return tf.div(tf.sub(tf.softmax(zs), tf.softmax(target)), 3);
    });
    const [a, e] = await Promise.all([g.data(), expected.data()]);
    a.forEach((v, i) => expect(v).toBeCloseTo(e[i]!, 6));
    [g, expected, ...state.variables].forEach((t) => t.dispose());
  });

  it('taid: tf.grad of the real loss at a fixed t = finite differences of α·KL(p_t(stopgrad z_s, z_t)‖q(z_s)) + (1 − α)·CE', async () => {
    const taid = getObjective('taid');
    const params = { ...defaultParams(taid), alpha: 0.8 };
    const state = taid.createState!(tf, ctx(), params);
    const t = 0.65;
    state.values.t!.assign(tf.scalar(t));
    const f = lossOf(taid, params, state);
    // The detached target is built from the point where the gradient is taken, and held fixed
    // while z_s moves: the finite difference sees the student only through q.
    const detachedTarget = tf.tidy(() => tf.add(tf.mul(tf.tensor2d(zs0), 1 - t), tf.mul(tf.tensor2d(zt), t)));
    const reference = () => {
      const logPt = tf.logSoftmax(detachedTarget);
      const logQ = tf.logSoftmax(f.zs);
      const kl = tf.mean(tf.sum(tf.mul(tf.exp(logPt), tf.sub(logPt, logQ)), -1));
      const ce = tf.mean(tf.neg(tf.sum(tf.mul(tf.oneHot(tf.tensor1d(y, 'int32'), 4), logQ), -1)));
      return tf.add(tf.mul(kl, 0.8), tf.mul(ce, 0.2)) as tf.Scalar;
    };
    expect(await gradientMismatches(f.vars, f.loss, TOLERANCE, reference)).toEqual([]);
    detachedTarget.dispose();
    f.dispose();
  });

  it('the check itself rejects a wrong gradient (zeroed, or 5% off)', async () => {
    const x = tf.variable(tf.tensor2d(zs0));
    const scaled = (factor: number) =>
      tf.customGrad((...args) => {
        const z = args[0] as tf.Tensor;
        return {
          value: tf.sum(tf.square(tf.logSoftmax(z))) as tf.Scalar,
          gradFunc: (dy: tf.Tensor) => {
            // The true gradient of Σ (log softmax z)², scaled by `factor`.
            const ls = tf.logSoftmax(z);
            const g = tf.mul(ls, 2);
            const sm = tf.softmax(z);
            return tf.mul(tf.mul(tf.sub(g, tf.mul(sm, tf.sum(g, -1, true))), dy), factor);
          },
        };
      });
    const loss = (factor: number) => () => scaled(factor)(x) as tf.Scalar;
    expect(await gradientMismatches([x], loss(1), TOLERANCE)).toEqual([]);
    expect((await gradientMismatches([x], loss(0), TOLERANCE)).length).toBe(12);
    expect((await gradientMismatches([x], loss(0.95), TOLERANCE)).length).toBeGreaterThan(6);
    x.dispose();
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
