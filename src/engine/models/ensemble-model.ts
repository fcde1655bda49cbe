/**
 * Several frozen teachers as one (issue 17 §5): the forward pass mixes their probabilities the
 * way src/lib/ensemble.ts does on the host (average, confidence-weighted, or per row the most
 * confident teacher; the label-aware choice needs labels a forward pass does not have) and
 * returns the log of the mix as the logits. Features are the first teacher's.
 */
import * as tf from '@tensorflow/tfjs';
import { MIX_FLOOR, type TeacherMix } from '../../lib/ensemble';
import type { Model } from './types';

export function mixModels(models: Model[], mix: TeacherMix): Model {
  const variables = models.flatMap((m) => m.variables);
  return {
    variables,
    paramCount: models.reduce((n, m) => n + m.paramCount, 0),
    forward(x: tf.Tensor) {
      return tf.tidy(() => {
        const outs = models.map((m) => m.forward(x));
        const probs = tf.stack(outs.map((o) => tf.softmax(o.logits))) as tf.Tensor3D; // [K, N, C]
        let weights: tf.Tensor; // [K, N, 1]
        if (mix === 'average') weights = tf.fill([models.length, probs.shape[1], 1], 1 / models.length);
        else {
          const top = tf.max(probs, -1, true); // [K, N, 1]
          weights =
            mix === 'confidence'
              ? tf.div(top, tf.sum(top, 0, true))
              : tf.transpose(tf.oneHot(tf.argMax(tf.squeeze(top, [2]), 0), models.length), [1, 0]).expandDims(2);
        }
        const p = tf.sum(tf.mul(weights, probs), 0);
        const logits = tf.log(tf.maximum(p, MIX_FLOOR)) as tf.Tensor2D;
        return { logits, features: outs[0]!.features };
      });
    },
    dispose() {
      models.forEach((m) => m.dispose());
    },
  };
}
