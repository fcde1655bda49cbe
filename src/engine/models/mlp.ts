import * as tf from '@tensorflow/tfjs';
import { mlpParamCount, mlpSizes } from '../../config/sizes';
import type { Activation, MlpSpec } from '../../config/schema';
import type { Rng } from '../../lib/rng';
import { stepForms } from '../step-forms';
import { DENSE_OP_ACTIVATIONS, denseLayer } from './dense-op';
import { flatten, uniqueName, weightAndBias } from './layers';
import type { Model } from './types';

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

export function activate(x: tf.Tensor, fn: Activation): tf.Tensor {
  switch (fn) {
    case 'relu':
      return tf.relu(x);
    case 'tanh':
      return tf.tanh(x);
    case 'sigmoid':
      return tf.sigmoid(x);
    case 'elu':
      return tf.elu(x);
    case 'gelu':
      // tanh approximation (Hendrycks & Gimpel); tfjs has no gelu op.
      return tf.mul(
        tf.mul(x, 0.5),
        tf.add(1, tf.tanh(tf.mul(tf.add(x, tf.mul(tf.pow(x, 3), 0.044715)), SQRT_2_OVER_PI))),
      );
  }
}

/**
 * Dense layers applied in turn, the activation after every layer but the last: the logits,
 * and the features (the last hidden layer's output, or the input when there is none). The head
 * of the MLP, the CNN and the window MLP.
 */
export function denseStack(
  input: tf.Tensor2D,
  layers: readonly { w: tf.Tensor; b: tf.Tensor }[],
  fn: Activation,
): { logits: tf.Tensor2D; features: tf.Tensor2D } {
  let h = input;
  let features = input;
  layers.forEach((l, i) => {
    const z = tf.add(tf.matMul(h, l.w as tf.Tensor2D), l.b) as tf.Tensor2D;
    if (i < layers.length - 1) {
      h = activate(z, fn) as tf.Tensor2D;
      features = h;
    } else h = z;
  });
  return { logits: h, features };
}

/**
 * denseStack for a training step in the lean step forms (dense-op.ts): each layer one op with
 * its gradient written out; the input is data (no gradient is taken for it).
 */
function denseStackOps(
  input: tf.Tensor2D,
  layers: readonly { w: tf.Tensor; b: tf.Tensor }[],
  fn: Activation,
): { logits: tf.Tensor2D; features: tf.Tensor2D } {
  let h = input;
  let features = input;
  layers.forEach((l, i) => {
    const last = i === layers.length - 1;
    h = denseLayer(h, l.w as tf.Tensor2D, l.b as tf.Tensor1D, last ? 'linear' : fn, i > 0);
    if (!last) features = h;
  });
  return { logits: h, features };
}

/**
 * A multilayer perceptron on plain variables (images are flattened first). Weights come from
 * `rng`, so two students built from the same seed are identical (the race relies on it).
 */
export function createMlp(spec: MlpSpec, inputs: number, classes: number, rng: Rng, name: string): Model {
  const id = uniqueName(name);
  const sizes = mlpSizes(spec, inputs, classes);
  const layers = sizes
    .slice(1)
    .map((fanOut, i) => weightAndBias([sizes[i]!, fanOut], sizes[i]!, fanOut, rng, `${id}/dense${i + 1}`));
  const variables = layers.flatMap((l) => [l.w, l.b]);
  return {
    variables,
    paramCount: mlpParamCount(spec, inputs, classes),
    forward(x, training) {
      // A student's training step in the lean forms: fewer kernels, the same function.
      if (training && stepForms() === 'lean' && DENSE_OP_ACTIVATIONS.includes(spec.activation))
        return denseStackOps(flatten(x), layers, spec.activation);
      return denseStack(flatten(x), layers, spec.activation);
    },
    dispose() {
      variables.forEach((v) => v.dispose());
    },
  };
}
