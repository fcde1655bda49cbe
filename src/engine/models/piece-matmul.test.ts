/**
 * The wasm piece-by-piece matMul (piece-matmul.ts) against tfjs's batched matMul, on wasm.
 * Its own file: vitest runs each file in a fresh worker, so switching backends here cannot
 * affect the other tests.
 */
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../test/tf';
import { pieceMatMul3d } from './piece-matmul';

beforeAll(async () => {
  const dist = dirname(
    createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'),
  );
  setWasmPaths(`${dist}/`);
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  tf.env().set('IS_TEST', false);
  await tf.setBackend('wasm');
});

describe('pieceMatMul3d on wasm', () => {
  it.each([
    [1, 5, 3, 4],
    [6, 7, 5, 3],
    [64, 16, 4, 16],
  ])('equals the batched matMul for [%i, %i, %i] · [·, ·, %i], and leaves no data behind', async (n, m, k, cols) => {
    expect(tf.getBackend()).toBe('wasm');
    const a = tf.randomNormal([n, m, k], 0, 1, 'float32', 1) as tf.Tensor3D;
    const b = tf.randomNormal([n, k, cols], 0, 1, 'float32', 2) as tf.Tensor3D;
    const tensors = tf.memory().numTensors;
    const ids = tf.backend().numDataIds();
    // Twice: the second call must not meet anything the first left in XNNPACK's operator cache.
    for (let round = 0; round < 2; round++) {
      const [piece, batched] = [pieceMatMul3d(a, b), tf.matMul(a, b)];
      expect(piece.shape).toEqual([n, m, cols]);
      const [p, q] = await Promise.all([piece.data(), batched.data()]);
      let worst = 0;
      for (let i = 0; i < q.length; i++) worst = Math.max(worst, Math.abs(p[i]! - q[i]!));
      expect(worst).toBeLessThan(1e-5);
      tf.dispose([piece, batched]);
    }
    expect(tf.memory().numTensors).toBe(tensors);
    expect(tf.backend().numDataIds()).toBe(ids);
    tf.dispose([a, b]);
  });

  it('refuses operands that do not multiply', () => {
    const a = tf.zeros([2, 3, 4]) as tf.Tensor3D;
    const b = tf.zeros([2, 5, 6]) as tf.Tensor3D;
    expect(() => pieceMatMul3d(a, b)).toThrow(/do not multiply/);
    tf.dispose([a, b]);
  });
});
