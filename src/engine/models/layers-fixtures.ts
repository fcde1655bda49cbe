/**
 * Small tfjs layers models for tests, built the way users build theirs (functional API and
 * Sequential), and their files as `model.save` writes them. Seeded initialisers, so every run
 * sees the same weights.
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelFiles } from '../model-io';

const init = (seed: number) => tf.initializers.glorotUniform({ seed });

/** 4 inputs → Dense 6 (relu, 'hidden') → Dense 3 with `activation` ('probs'), functional API. */
export function functionalDense(activation: 'softmax' | 'sigmoid' | 'linear'): tf.LayersModel {
  const input = tf.input({ shape: [4] });
  const hidden = tf.layers
    .dense({ name: 'hidden', units: 6, activation: 'relu', kernelInitializer: init(1) })
    .apply(input) as tf.SymbolicTensor;
  const out = tf.layers
    .dense({ name: 'probs', units: 3, activation, kernelInitializer: init(2), biasInitializer: 'ones' })
    .apply(hidden) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out });
}

/** The same as a Sequential ending in a separate softmax layer ('activation' or 'softmax' class). */
export function sequentialSeparate(kind: 'activation' | 'softmax'): tf.Sequential {
  return tf.sequential({
    layers: [
      tf.layers.dense({ name: 'hidden', inputShape: [4], units: 6, activation: 'relu', kernelInitializer: init(1) }),
      tf.layers.dense({ name: 'scores', units: 3, kernelInitializer: init(2), biasInitializer: 'ones' }),
      kind === 'activation'
        ? tf.layers.activation({ name: 'squash', activation: 'softmax' })
        : tf.layers.softmax({ name: 'squash' }),
    ],
  });
}

/** 4 inputs → Dense 6 → BatchNormalization → Dropout 0.5 → Dense 3 softmax: modes matter. */
export function withBatchNormAndDropout(): tf.LayersModel {
  const input = tf.input({ shape: [4] });
  const dense = tf.layers.dense({ name: 'hidden', units: 6, kernelInitializer: init(3) }).apply(input);
  const bn = tf.layers.batchNormalization({ name: 'bn' }).apply(dense);
  const dropped = tf.layers.dropout({ name: 'dropout', rate: 0.5, seed: 4 }).apply(bn) as tf.SymbolicTensor;
  const out = tf.layers
    .dense({ name: 'probs', units: 3, activation: 'softmax', kernelInitializer: init(5) })
    .apply(dropped) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out });
}

/** A model's files as tfjs's own `model.save` gives them (model.json text + one weight buffer). */
export async function savedFiles(model: tf.LayersModel): Promise<ModelFiles> {
  let files: ModelFiles | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weights = tf.io.CompositeArrayBuffer.join(artifacts.weightData!);
      const json = {
        format: 'layers-model',
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs! }],
      };
      files = { modelJson: JSON.stringify(json), weights: [weights] };
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return files!;
}
