/**
 * Test helpers for comparing models: seeded inputs, random biases (our students start with
 * zero biases, which would hide a bias landing in the wrong layer) and the largest difference
 * between two tensors, read with one await.
 */
import { expect } from 'vitest';
import { createRng } from '../lib/rng';
import type { Model } from '../engine/models/types';
import { tf } from './tf';

/** Our students start with zero biases; random ones make sure biases land in the right layer. */
export function randomiseBiases(model: Model, seed: number): void {
  const rng = createRng(seed, 'biases');
  for (const v of model.variables)
    if (v.rank === 1)
      tf.tidy(() => v.assign(tf.tensor1d(Array.from({ length: v.shape[0]! }, () => rng.normal() * 0.5))));
}

export function randomInputs(rows: number, shape: number[], seed: number): tf.Tensor {
  const rng = createRng(seed, 'inputs');
  const size = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(
    Array.from({ length: rows * size }, () => rng.next() * 2 - 1),
    [rows, ...shape],
  );
}

export async function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): Promise<number> {
  expect(a.shape).toEqual(b.shape);
  const d = tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))));
  const [v] = await d.data();
  d.dispose();
  return v!;
}
