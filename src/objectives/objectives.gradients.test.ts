/**
 * Gradient checks for every objective: tf.variableGrads against central differences, in
 * float32 (see TOLERANCE), plus TAID's detached target and a check that the check can fail.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { tf, useCpu } from '../test/tf';
import { OBJECTIVES, defaultParams, getObjective } from '.';
import type { ObjectiveDef, ObjectiveState } from './types';

beforeAll(useCpu);

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
