/**
 * The SIMD GELU and LayerNorm kernels on Node's tfjs-wasm against the reference formulation's
 * tfjs ops and tfjs's own gradients: values and gradients within 1e-5 relative, no leaks.
 */
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../lib/rng';
import { tf } from '../../test/tf';
import { LN_EPSILON, gelu, layerNorm, setTransformerForms } from '../models/transformer-ops';
import { simdGelu, simdGeluAvailable, simdGeluForward } from './gelu-op';
import { simdLayerNorm, simdLayerNormAvailable, simdNormalise } from './layernorm-op';

function worstRelative(a: Float32Array, b: Float32Array): number {
  const scale = Math.max(...Array.from(b, Math.abs));
  return Math.max(...Array.from(a, (x, i) => Math.abs(x - b[i]!))) / scale;
}

const rng = createRng(7, 'elementwise');
const random = (shape: number[], spread = 3) =>
  tf.tensor(
    Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal() * spread),
    shape,
  );

beforeAll(async () => {
  const dist = dirname(
    createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'),
  );
  setWasmPaths(`${dist}/`);
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  await tf.setBackend('wasm');
  setTransformerForms('reference');
});
afterAll(() => setTransformerForms(null));

async function expectClose(ours: tf.Tensor[], theirs: tf.Tensor[], names: string[]) {
  for (let i = 0; i < ours.length; i++) {
    const [a, b] = [await ours[i]!.data<'float32'>(), await theirs[i]!.data<'float32'>()];
    expect(worstRelative(a, b), names[i]).toBeLessThan(1e-5);
  }
}

describe('SIMD element-wise kernels on wasm', () => {
  // [5, 4]: five vectors, so the kernels' two-vector loop leaves one for their tail loop.
  it.each([
    [64, 48],
    [5, 4],
  ])('GELU matches the tanh form on [%i, %i], forward and gradient, over a wide range', async (rows, cols) => {
    const x = random([rows, cols], 4) as tf.Tensor2D;
    const dy = random([rows, cols], 1);
    expect(simdGeluAvailable(x)).toBe(true);
    const before = tf.memory().numTensors;
    const run = (f: (x: tf.Tensor2D) => tf.Tensor2D) =>
      tf.tidy(() => [f(x), tf.grad((a) => tf.sum(tf.mul(f(a as tf.Tensor2D), dy)))(x)]);
    const ours = run(simdGelu);
    const theirs = run(gelu);
    const frozen = simdGeluForward(x);
    await expectClose([...ours, frozen], [...theirs, theirs[0]!], ['value', 'gradient', 'frozen value']);
    tf.dispose([...ours, ...theirs, frozen]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, dy]);
  });

  it('LayerNorm matches, forward and the gradients of x, γ and β; the plain form too', async () => {
    const x = tf.add(random([40, 48], 2), 5) as tf.Tensor2D;
    const gamma = random([48], 1);
    const beta = random([48], 1);
    const dy = random([40, 48], 1);
    expect(simdLayerNormAvailable(x)).toBe(true);
    const before = tf.memory().numTensors;
    const run = (f: (x: tf.Tensor2D, g: tf.Tensor, b: tf.Tensor) => tf.Tensor2D) =>
      tf.tidy(() => {
        const g = tf.grads((a, b, c) => tf.sum(tf.mul(f(a as tf.Tensor2D, b!, c!), dy)));
        return [f(x, gamma, beta), ...g([x, gamma, beta])];
      });
    const ours = run((a, g, b) => simdLayerNorm(a, g, b, LN_EPSILON));
    const theirs = run(layerNorm);
    const plain = simdNormalise(x, LN_EPSILON);
    const plainRef = tf.tidy(() => layerNorm(x, tf.onesLike(gamma), tf.zerosLike(beta)));
    await expectClose([...ours, plain], [...theirs, plainRef], ['value', 'dx', 'dγ', 'dβ', 'normalised']);
    tf.dispose([...ours, ...theirs, plain, plainRef]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, gamma, beta, dy]);
  });
});
