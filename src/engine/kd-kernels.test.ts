/**
 * Hinton KD through its host kernels (kd-kernels.ts, objectives/forward-kl-host.ts) on cpu and
 * wasm against its taped definition: values and gradients (of the total and of each part) to
 * float32 rounding, with and without masks, label masks, a batch with no real label, T = 1 and
 * T² scaling off; two kernels where the taped loss issues about a hundred; no tensor kept.
 */
import '@tensorflow/tfjs-backend-wasm';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRng } from '../lib/rng';
import { defaultParams, getObjective } from '../objectives';
import type { LossInputs, LossResult, ObjectiveDef } from '../objectives/types';
import { tf, useCpu } from '../test/tf';
import { ensureKdKernels } from './kd-kernels';

const ROWS = 9;
const CLASSES = 4;
const hinton = getObjective('hinton');
type Loss = ObjectiveDef['loss'];

/** The cpu backend as the other unit tests set it up (not a React hook, whatever its name). */
const cpuBackend = useCpu;

async function onBackend(backend: 'cpu' | 'wasm') {
  ensureKdKernels();
  if (backend === 'cpu') {
    // useCpu sets the backend once per file; a wasm test may have switched it since.
    await cpuBackend();
    tf.env().set('IS_TEST', true);
    await tf.setBackend('cpu');
    return;
  }
  const dist = dirname(
    createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'),
  );
  setWasmPaths(`${dist}/`);
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  tf.env().set('IS_TEST', false);
  await tf.setBackend('wasm');
}

function batch(seed: number, masks: { mask?: boolean; labelMask?: boolean; noLabels?: boolean }) {
  const rng = createRng(seed, 'kd-kernels');
  const normal = (n: number, s: number) => Array.from({ length: n }, () => rng.normal() * s);
  return {
    zs: normal(ROWS * CLASSES, 2),
    zt: normal(ROWS * CLASSES, 4),
    y: Array.from({ length: ROWS }, () => rng.int(CLASSES)),
    mask: masks.mask ? Array.from({ length: ROWS }, (_, i) => (i % 4 === 3 ? 0 : 1)) : undefined,
    labelMask: masks.labelMask
      ? Array.from({ length: ROWS }, (_, i) => (masks.noLabels ? 0 : i % 3 === 0 ? 1 : 0))
      : undefined,
  };
}

/** [total, kd, ce], ∂total/∂z_s and ∂(total + 0.3·kd − 0.7·ce)/∂z_s. */
async function run(loss: Loss, b: ReturnType<typeof batch>, params: Record<string, number>) {
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
    step: 1,
    totalSteps: 9,
  });
  const parts = (r: LossResult) => [r.total, r.parts.kd!, r.parts.ce!];
  const values = tf.tidy(() => tf.stack(parts(loss(tf, inputs(zs), params))));
  const g1 = tf.grad((z) => loss(tf, inputs(z), params).total)(zs);
  const g2 = tf.grad((z) => {
    const [t, k, c] = parts(loss(tf, inputs(z), params));
    return tf.add(tf.add(t!, tf.mul(k!, 0.3)), tf.mul(c!, -0.7));
  })(zs);
  const out = await Promise.all([values.data(), g1.data(), g2.data()]);
  tf.dispose([zs, values, g1, g2, ...(Object.values(constants).filter((t) => t !== undefined) as tf.Tensor[])]);
  return out;
}

const settings: [string, Record<string, number>, Parameters<typeof batch>[1]][] = [
  ['defaults', {}, {}],
  ['T = 1, no T² scaling', { T: 1, t2: 0 }, {}],
  ['a token mask', { T: 2 }, { mask: true }],
  ['a label mask', { alpha: 0.7 }, { labelMask: true }],
  ['both masks', { T: 3 }, { mask: true, labelMask: true }],
  ['no real label (weight 1)', { alpha: 0.6 }, { mask: true, labelMask: true, noLabels: true }],
];

describe('Hinton KD in host kernels', () => {
  for (const backend of ['cpu', 'wasm'] as const)
    for (const [what, over, masks] of settings)
      it(`${backend}, ${what}: the taped values and gradients to float32 rounding`, async () => {
        await onBackend(backend);
        const params = { ...defaultParams(hinton), ...over };
        const b = batch(what.length + 3, masks);
        const [taped, ours] = [await run(hinton.loss, b, params), await run(hinton.fusedLoss!, b, params)];
        taped[0].forEach((v, i) => expect(Math.abs(ours[0][i]! - v)).toBeLessThanOrEqual(2e-6 * Math.abs(v) + 1e-7));
        for (const k of [1, 2]) {
          const scale = Math.max(...Array.from(taped[k]!, Math.abs));
          taped[k]!.forEach((v, i) => expect(Math.abs(ours[k]![i]! - v)).toBeLessThanOrEqual(2e-6 * scale + 1e-9));
        }
      });

  it('is two kernels where the taped form issues about a hundred, and keeps no tensor', async () => {
    await onBackend('cpu');
    const b = batch(1, {});
    const zs = tf.tensor2d(b.zs, [ROWS, CLASSES]);
    const constants = { teacherLogits: tf.tensor2d(b.zt, [ROWS, CLASSES]), labels: tf.tensor1d(b.y, 'int32') };
    const grad = (loss: Loss) =>
      tf.tidy(() => {
        tf.grad(
          (z) =>
            loss(tf, { ...constants, studentLogits: z as tf.Tensor2D, step: 0, totalSteps: 1 }, defaultParams(hinton))
              .total,
        )(zs);
      });
    grad(hinton.fusedLoss!);
    const before = tf.memory().numTensors;
    const names = async (loss: Loss) => (await tf.profile(() => grad(loss))).kernels.map((k) => k.name);
    const [taped, ours] = [await names(hinton.loss), await names(hinton.fusedLoss!)];
    expect(tf.memory().numTensors).toBe(before);
    console.log(
      `kernels for Hinton KD and its gradient: taped ${taped.length}, host kernels ${ours.length} (${ours.join(' ')})`,
    );
    expect(ours.filter((n) => n.startsWith('KdForwardKl'))).toEqual(['KdForwardKl', 'KdForwardKlGrad']);
    expect(ours.length).toBeLessThanOrEqual(12);
    tf.dispose([zs, ...Object.values(constants)]);
  });
});
