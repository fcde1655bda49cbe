/**
 * The SIMD 2-D transpose on Node's tfjs-wasm against tfjs's own Transpose: bit-identical
 * (it only moves floats), on the step's shapes and on a shape it leaves to tfjs; no leaks.
 */
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { createRng } from '../../lib/rng';
import { tf } from '../../test/tf';
import { elementwiseKernels } from './elementwise';
import { transpose2d } from './transpose-op';

const rng = createRng(11, 'transpose');

beforeAll(async () => {
  const dist = dirname(
    createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'),
  );
  setWasmPaths(`${dist}/`);
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  await tf.setBackend('wasm');
});

it.each([
  [1024, 192],
  [1024, 48],
  [48, 48],
  [8, 4],
  [1024, 49],
])('transposes [%i, %i] exactly as tf.transpose does', async (rows, cols) => {
  expect(elementwiseKernels()).not.toBeNull();
  const x = tf.tensor2d(
    Array.from({ length: rows * cols }, () => rng.normal()),
    [rows, cols],
  );
  const before = tf.memory().numTensors;
  const ours = transpose2d(x);
  expect(tf.memory().numTensors).toBe(before + 1);
  const theirs = tf.transpose(x);
  expect(ours.shape).toEqual([cols, rows]);
  expect(Array.from(await ours.data())).toEqual(Array.from(await theirs.data()));
  tf.dispose([x, ours, theirs]);
});
