/** Small building blocks shared by the hand-written models: seeded weights, unique names. */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../lib/rng';
import { glorotUniform } from './init';

let instances = 0;

/** tfjs variable names are global; a counter keeps a rebuilt model from clashing with the old. */
export const uniqueName = (name: string): string => `${name}#${++instances}`;

/** A weight of `shape` with Glorot-uniform values for the given fans, and a zero bias. */
export function weightAndBias(
  shape: number[],
  fanIn: number,
  fanOut: number,
  rng: Rng,
  name: string,
): { w: tf.Variable; b: tf.Variable } {
  const size = shape.reduce((a, b) => a * b, 1);
  // tf.variable() does not take ownership of its initial value: tidy disposes that copy.
  return tf.tidy(() => ({
    w: tf.variable(tf.tensor(glorotUniform(fanIn, fanOut, rng, size), shape), true, `${name}/w`),
    b: tf.variable(tf.zeros([shape.at(-1)!]), true, `${name}/b`),
  }));
}

/** Rows of any rank flattened to [rows, features]. */
export const flatten = (x: tf.Tensor): tf.Tensor2D =>
  x.rank === 2 ? (x as tf.Tensor2D) : tf.reshape(x, [x.shape[0]!, -1]);
