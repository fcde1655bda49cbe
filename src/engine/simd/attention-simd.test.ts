/**
 * The SIMD attention kernels on Node's tfjs-wasm against the reference formulation (rank-4
 * tfjs ops, tfjs's own gradient): forward and all three input gradients within 1e-5 relative,
 * for the student's and the teacher's head widths, no tensor left behind.
 */
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../lib/rng';
import { tf } from '../../test/tf';
import { MASKED } from '../models/transformer';
import { causalAttentionReference } from '../models/transformer-attention';
import { simdAttention, simdAttentionAvailable, simdAttentionForward } from '../models/transformer-attention-simd';
import { setSimdKernels, wasmSimdSupported } from './module';
import { simdGeluAvailable } from './gelu-op';
import { simdLayerNormAvailable } from './layernorm-op';

function causalMask(steps: number): tf.Tensor2D {
  const m = new Float32Array(steps * steps);
  for (let i = 0; i < steps; i++) for (let j = i + 1; j < steps; j++) m[i * steps + j] = MASKED;
  return tf.tensor2d(m, [steps, steps]);
}

function worstRelative(a: Float32Array, b: Float32Array): number {
  const scale = Math.max(...Array.from(b, Math.abs));
  return Math.max(...Array.from(a, (x, i) => Math.abs(x - b[i]!))) / scale;
}

beforeAll(async () => {
  const dist = dirname(
    createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'),
  );
  setWasmPaths(`${dist}/`);
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  await tf.setBackend('wasm');
});

describe('SIMD causal attention on wasm', () => {
  it.each([
    { batch: 3, steps: 8, heads: 4, headWidth: 12 },
    { batch: 2, steps: 16, heads: 2, headWidth: 24 },
    { batch: 2, steps: 12, heads: 3, headWidth: 4 },
  ])('matches the reference forward and gradients at %o', async (shape) => {
    expect(wasmSimdSupported()).toBe(true);
    expect(simdAttentionAvailable(shape)).toBe(true);
    const rows = shape.batch * shape.steps;
    const width = shape.heads * shape.headWidth;
    const rng = createRng(5, 'attention');
    const make = () =>
      tf.tensor2d(
        Array.from({ length: rows * width }, () => rng.normal() * 2),
        [rows, width],
      );
    const [q, k, v, dy] = [make(), make(), make(), make()];
    const mask = causalMask(shape.steps);
    const before = tf.memory().numTensors;
    const grads = (f: (q: tf.Tensor2D, k: tf.Tensor2D, v: tf.Tensor2D) => tf.Tensor2D) =>
      tf.tidy(() => {
        const out = f(q, k, v);
        const g = tf.grads((a, b, c) => tf.sum(tf.mul(f(a as tf.Tensor2D, b as tf.Tensor2D, c as tf.Tensor2D), dy)));
        return [out, ...g([q, k, v])];
      });
    const ours = grads((a, b, c) => simdAttention(a, b, c, shape));
    const theirs = grads((a, b, c) => causalAttentionReference(a, b, c, mask, shape));
    const frozen = tf.tidy(() =>
      simdAttentionForward(tf.mul(q, 1 / Math.sqrt(shape.headWidth)) as tf.Tensor2D, k, v, shape),
    );
    const names = ['output', 'dq', 'dk', 'dv'];
    for (let i = 0; i < 4; i++) {
      expect(
        worstRelative(await ours[i]!.data<'float32'>(), await theirs[i]!.data<'float32'>()),
        names[i],
      ).toBeLessThan(1e-5);
    }
    expect(worstRelative(await frozen.data<'float32'>(), await theirs[0]!.data<'float32'>())).toBeLessThan(1e-5);
    tf.dispose([...ours, ...theirs, frozen]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([q, k, v, dy, mask]);
  });

  it('steps aside when switched off, and for windows or heads not a multiple of 4', () => {
    const shape = { batch: 2, steps: 8, heads: 2, headWidth: 12 };
    const x = tf.zeros([16, 24]);
    expect(simdAttentionAvailable({ ...shape, steps: 6 })).toBe(false);
    expect(simdAttentionAvailable({ ...shape, headWidth: 6 })).toBe(false);
    setSimdKernels(false);
    try {
      expect([simdAttentionAvailable(shape), simdGeluAvailable(x), simdLayerNormAvailable(x)]).toEqual([
        false,
        false,
        false,
      ]);
    } finally {
      setSimdKernels(true);
    }
    expect([simdAttentionAvailable(shape), simdGeluAvailable(x), simdLayerNormAvailable(x)]).toEqual([
      true,
      true,
      true,
    ]);
    x.dispose();
  });
});
