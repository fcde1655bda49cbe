import * as tf from '@tensorflow/tfjs';
import { cnnShapes } from '../../config/derived';
import type { CnnSpec } from '../../config/schema';
import type { Rng } from '../../lib/rng';
import { flatten, uniqueName, weightAndBias } from './layers';
import { activate, denseStack } from './mlp';
import type { Model } from './types';

/**
 * A small CNN on plain variables: blocks of 3×3 convolution (same padding) + activation +
 * 2×2 max-pool, then dense layers. Features are the last dense hidden layer (or the flattened
 * conv output when there is none).
 */
export function createCnn(
  spec: CnnSpec,
  inputShape: [number, number, number],
  classes: number,
  rng: Rng,
  name: string,
): Model {
  const id = uniqueName(name);
  const shapes = cnnShapes(spec, inputShape, classes);
  const convs = shapes.convs.map((c, i) =>
    weightAndBias([3, 3, c.in, c.out], 9 * c.in, 9 * c.out, rng, `${id}/conv${i + 1}`),
  );
  const dense = shapes.dense.map((d, i) => weightAndBias([d.in, d.out], d.in, d.out, rng, `${id}/dense${i + 1}`));
  const variables = [...convs, ...dense].flatMap((l) => [l.w, l.b]);
  return {
    variables,
    paramCount: shapes.params,
    forward(x) {
      let h: tf.Tensor = x.rank === 4 ? x : tf.reshape(x, [x.shape[0]!, ...inputShape]);
      for (const c of convs) {
        h = activate(tf.add(tf.conv2d(h as tf.Tensor4D, c.w as tf.Tensor4D, 1, 'same'), c.b), spec.activation);
        h = tf.maxPool(h as tf.Tensor4D, 2, 2, 'valid');
      }
      return denseStack(flatten(h), dense, spec.activation);
    },
    dispose() {
      variables.forEach((v) => v.dispose());
    },
  };
}
