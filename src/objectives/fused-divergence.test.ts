/**
 * The fused divergence losses (fused-divergence.ts) against their taped definitions: the same
 * values bit for bit, the same gradients to float32 noise (of the total and of each part), in
 * fewer kernels, with no tensor left behind; with and without masks, label masks, a batch with
 * no real label, T = 1 and T² scaling off.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../lib/rng';
import { tf, useCpu } from '../test/tf';
import { OBJECTIVES, defaultParams } from '.';
import type { LossInputs, LossResult, ObjectiveDef } from './types';

beforeAll(useCpu);

const ROWS = 7;
const CLASSES = 5;

/** Seeded logits, labels and masks; `noLabels` makes every label mask 0 (an on-policy batch). */
function batch(seed: number, masks: { mask?: boolean; labelMask?: boolean; noLabels?: boolean }) {
  const rng = createRng(seed, 'fused');
  const normal = (n: number, s: number) => Array.from({ length: n }, () => rng.normal() * s);
  return {
    zs: normal(ROWS * CLASSES, 2),
    zt: normal(ROWS * CLASSES, 3),
    y: Array.from({ length: ROWS }, () => rng.int(CLASSES)),
    mask: masks.mask ? Array.from({ length: ROWS }, (_, i) => (i % 3 === 2 ? 0 : 1)) : undefined,
    labelMask: masks.labelMask
      ? Array.from({ length: ROWS }, (_, i) => (masks.noLabels ? 0 : i % 2 === 0 ? 1 : 0))
      : undefined,
  };
}

type Batch = ReturnType<typeof batch>;
type Loss = NonNullable<ObjectiveDef['fusedLoss']>;

/** Values of total, kd and ce, and the gradients of total and of total + 0.3·kd − 0.7·ce. */
async function run(loss: Loss, b: Batch, params: Record<string, number>) {
  const zs = tf.tensor2d(b.zs, [ROWS, CLASSES]);
  const constants = {
    teacherLogits: tf.tensor2d(b.zt, [ROWS, CLASSES]),
    labels: tf.tensor1d(b.y, 'int32'),
    mask: b.mask && tf.tensor1d(b.mask),
    labelMask: b.labelMask && tf.tensor1d(b.labelMask),
  };
  const inputs = (z: tf.Tensor): LossInputs => ({
    ...constants,
    studentLogits: z as tf.Tensor2D,
    step: 3,
    totalSteps: 10,
  });
  const parts = (r: LossResult) => [r.total, r.parts.kd!, r.parts.ce!];
  const values = tf.tidy(() => tf.stack(parts(loss(tf, inputs(zs), params))));
  const gTotal = tf.grad((z) => loss(tf, inputs(z), params).total)(zs);
  const gMix = tf.grad((z) => {
    const [t, k, c] = parts(loss(tf, inputs(z), params));
    return tf.add(tf.add(t!, tf.mul(k!, 0.3)), tf.mul(c!, -0.7));
  })(zs);
  const out = await Promise.all([values.data(), gTotal.data(), gMix.data()]);
  tf.dispose([zs, values, gTotal, gMix, ...(Object.values(constants).filter((t) => t !== undefined) as tf.Tensor[])]);
  return out;
}

const fused = OBJECTIVES.filter((d) => d.fusedLoss);

describe('fused divergence losses', () => {
  it('exist for Hinton KD (forward KL)', () => {
    expect(fused.map((d) => d.id)).toContain('hinton');
  });

  const settings: [string, Record<string, number>, Parameters<typeof batch>[1]][] = [
    ['defaults', {}, {}],
    ['T = 1, no T² scaling', { T: 1, t2: 0 }, {}],
    ['a token mask', { T: 2 }, { mask: true }],
    ['a label mask', { alpha: 0.7 }, { labelMask: true }],
    ['both masks', { T: 3 }, { mask: true, labelMask: true }],
    ['no real label (weight 1)', { alpha: 0.6 }, { mask: true, labelMask: true, noLabels: true }],
    ['α = 1', { alpha: 1 }, { labelMask: true }],
  ];
  for (const def of fused)
    for (const [what, over, masks] of settings)
      it(`${def.id}, ${what}: the taped values bit for bit, its gradients to float32 noise`, async () => {
        const params = { ...defaultParams(def), ...over };
        const b = batch(what.length, masks);
        const [taped, ours] = [await run(def.loss, b, params), await run(def.fusedLoss!, b, params)];
        expect(Array.from(ours[0])).toEqual(Array.from(taped[0]));
        for (const k of [1, 2]) {
          const scale = Math.max(...Array.from(taped[k]!, Math.abs));
          taped[k]!.forEach((v, i) => expect(Math.abs(ours[k]![i]! - v)).toBeLessThanOrEqual(1e-6 * scale + 1e-9));
        }
      });

  it('issues fewer kernels than the taped form under a gradient, and keeps no tensor', async () => {
    const def = fused[0]!;
    const b = batch(1, {});
    const zs = tf.tensor2d(b.zs, [ROWS, CLASSES]);
    const constants = { teacherLogits: tf.tensor2d(b.zt, [ROWS, CLASSES]), labels: tf.tensor1d(b.y, 'int32') };
    const grad = (loss: Loss) =>
      tf.tidy(() => {
        const g = tf.grad(
          (z) =>
            loss(tf, { ...constants, studentLogits: z as tf.Tensor2D, step: 0, totalSteps: 1 }, defaultParams(def))
              .total,
        );
        g(zs);
      });
    grad(def.fusedLoss!);
    const before = tf.memory().numTensors;
    const [taped, ours] = [
      (await tf.profile(() => grad(def.loss))).kernels,
      (await tf.profile(() => grad(def.fusedLoss!))).kernels,
    ];
    expect(tf.memory().numTensors).toBe(before);
    console.log(`kernels for ${def.id}'s loss and gradient: taped ${taped.length}, fused ${ours.length}`);
    expect(ours.length).toBeLessThan(taped.length * 0.6);
    tf.dispose([zs, ...Object.values(constants)]);
  });
});
