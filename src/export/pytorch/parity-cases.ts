/**
 * The models the PyTorch parity test (models-python.test.ts) compares, each built the way the
 * studio builds or loads it: `buildModel` with a seeded rng (as lanes.ts builds students),
 * `loadPretrained` from public/ (as teacher.ts loads shipped teachers), and imported layers
 * models through the studio's import (`importLayersModel` + `wrapLayersModel`, trainable as
 * loadImported makes an imported student). Test-only code.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StudentSpec, TeacherModelSpec } from '../../config/schema';
import { createRng } from '../../lib/rng';
import { buildModel, type BuildableSpec } from '../../engine/models/build';
import { savedFiles, sequentialSeparate, withBatchNormAndDropout } from '../../engine/models/layers-fixtures';
import { loadPretrained, wrapLayersModel } from '../../engine/models/pretrained';
import type { Model } from '../../engine/models/types';
import { importLayersModel } from '../../engine/model-io';
import { fsAssets } from '../../test/assets';
import { randomInputs, randomiseBiases } from '../../test/tensors';
import { tf } from '../../test/tf';

export interface Built {
  model: Model;
  spec: StudentSpec | TeacherModelSpec;
  inputShape: number[];
  classes: number;
  x: tf.Tensor;
  /** The layers model underneath an imported one: its trainable weights are the student's. */
  layers?: tf.LayersModel;
}

export interface ParityCase {
  id: string;
  make(): Promise<Built>;
  /** Compare gradients (students). */
  grads: boolean;
  /** Also run in training mode (BatchNormalization's batch statistics, seeded Dropout). */
  train: boolean;
  /** How the studio reads the files back: its Import, its transformer or window-MLP loader, or (gelu) by hand. */
  back: 'import' | 'transformer' | 'window-mlp' | 'weights';
}

const ROOT = join(import.meta.dirname, '../../..');

export const tokens = (rows: number, steps: number, vocab: number, seed: number): tf.Tensor2D => {
  const rng = createRng(seed, 'tokens');
  const ids = Array.from({ length: rows * steps }, () => Math.floor(rng.next() * vocab));
  return tf.tensor2d(ids, [rows, steps], 'int32');
};

function built(spec: BuildableSpec, inputShape: number[], classes: number, x: tf.Tensor): Built {
  const model = buildModel(spec, inputShape, classes, createRng(42, 'student'), 'parity');
  // Our models start with zero biases, which would hide a bias landing in the wrong place.
  randomiseBiases(model, 9);
  return { model, spec, inputShape, classes, x };
}

const student = (id: string, spec: BuildableSpec, shape: number[], classes: number, rows = 16): ParityCase => ({
  id,
  grads: true,
  train: false,
  // tfjs 4.22 cannot load its own gelu_new (config/export.ts): gelu students are read back by hand.
  back:
    spec.kind === 'transformer'
      ? 'transformer'
      : spec.kind === 'window-mlp'
        ? 'window-mlp'
        : spec.activation === 'gelu'
          ? 'weights'
          : 'import',
  make: async () =>
    built(
      spec,
      shape,
      classes,
      spec.kind === 'transformer' || spec.kind === 'window-mlp'
        ? tokens(3, shape[0]!, classes, 5)
        : randomInputs(rows, shape, 5),
    ),
});

/** An imported layers model as the studio runs a student: trainable weights, state in training. */
async function imported(files: { modelJson: string; weights: ArrayBuffer[] }, inputShape: number[], classes: number) {
  const { model, weightsHash } = await importLayersModel(files, { inputShape, classes });
  const wrapped = wrapLayersModel(model, inputShape, classes);
  const spec = { kind: 'imported', hash: weightsHash, name: 'parity', featureDim: 0, params: 0 } as const;
  return { model: wrapped, layers: model, spec, inputShape, classes };
}

/** A functional model using most layer classes and activations the Python side supports. */
function layerZoo(): tf.LayersModel {
  const L = tf.layers;
  const init = (seed: number) => tf.initializers.glorotUniform({ seed });
  const apply = (layer: tf.layers.Layer, x: tf.SymbolicTensor | tf.SymbolicTensor[]) =>
    layer.apply(x) as tf.SymbolicTensor;
  const input = tf.input({ shape: [9, 7, 2], name: 'image' });
  const scaled = apply(L.rescaling({ scale: 0.5, offset: 0.1 }), input);
  const padded = apply(
    L.zeroPadding2d({
      padding: [
        [1, 0],
        [0, 2],
      ],
    }),
    scaled,
  ); // 10×9
  const c1 = apply(
    L.conv2d({
      filters: 3,
      kernelSize: [3, 2],
      strides: 2,
      padding: 'same',
      activation: 'relu6',
      kernelInitializer: init(1),
    }),
    padded,
  ); // 5×5: TF puts the odd padding pixel at the end
  const avg = apply(L.averagePooling2d({ poolSize: 2, strides: 2, padding: 'same' }), c1); // 3×3, edge means over fewer pixels
  const max = apply(L.maxPooling2d({ poolSize: 3, strides: 2, padding: 'same' }), c1);
  const cat = apply(L.concatenate({ axis: -1 }), [avg, max]);
  const bn = apply(L.batchNormalization({ momentum: 0.9, epsilon: 1e-3 }), cat);
  const ln = apply(L.layerNormalization({ epsilon: 1e-4 }), bn);
  const leaky = apply(L.leakyReLU({ alpha: 0.2 }), ln);
  const c2 = apply(
    L.conv2d({ filters: 4, kernelSize: 2, dilationRate: 1, activation: 'swish', kernelInitializer: init(2) }),
    leaky,
  ); // 2×2
  const gap = apply(L.globalAveragePooling2d({}), leaky);
  const gmp = apply(L.globalMaxPooling2d({}), c2);
  const flat = apply(L.flatten(), c2);
  const d1 = apply(L.dense({ units: 6, activation: 'selu', kernelInitializer: init(3) }), flat);
  const d2 = apply(L.dense({ units: 6, activation: 'softplus', kernelInitializer: init(4) }), gap);
  const d3 = apply(L.dense({ units: 6, activation: 'mish', kernelInitializer: init(5) }), gmp);
  const mixed = apply(L.add(), [
    apply(L.multiply(), [d1, d2]),
    apply(L.average(), [d2, d3]),
    apply(L.maximum(), [d1, d3]),
    apply(L.minimum(), [d1, d2]),
  ]);
  const relu = apply(L.reLU({ maxValue: 2 }), apply(L.elu({ alpha: 1 }), mixed));
  const dropped = apply(L.dropout({ rate: 0.3, seed: 11 }), relu);
  const features = apply(
    L.dense({ units: 6, activation: 'gelu', name: 'features', kernelInitializer: init(6) }),
    apply(L.reshape({ targetShape: [6] }), dropped),
  );
  const hard = apply(L.activation({ activation: 'hardSigmoid' }), features);
  const soft = apply(
    L.activation({ activation: 'softsign' }),
    apply(L.dense({ units: 5, kernelInitializer: init(7) }), hard),
  );
  const out = apply(
    L.dense({ units: 4, activation: 'sigmoid', biasInitializer: 'ones', kernelInitializer: init(8) }),
    soft,
  );
  return tf.model({ inputs: input, outputs: out });
}

async function fromModel(layers: tf.LayersModel, inputShape: number[], classes: number, rows: number, seed: number) {
  const files = (await savedFiles(layers)) as { modelJson: string; weights: ArrayBuffer[] };
  layers.dispose();
  return { ...(await imported(files, inputShape, classes)), x: randomInputs(rows, inputShape, seed) };
}

const ACTIVATIONS = ['relu', 'tanh', 'sigmoid', 'elu', 'gelu'] as const;

export const PARITY_CASES: ParityCase[] = [
  ...ACTIVATIONS.map((a) => student(`mlp-${a}`, { kind: 'mlp', hidden: [16, 8], activation: a }, [5], 4)),
  { ...student('mlp-images', { kind: 'mlp', hidden: [12], activation: 'relu' }, [6, 5, 2], 3) },
  student('cnn-relu', { kind: 'cnn', filters: [4, 6], hidden: [12], activation: 'relu' }, [13, 10, 3], 5),
  student('cnn-gelu-no-hidden', { kind: 'cnn', filters: [3], hidden: [], activation: 'gelu' }, [8, 8, 1], 3, 8),
  student('transformer-student', { kind: 'transformer', layers: 2, width: 16, heads: 4 }, [12], 11),
  student('window-mlp', { kind: 'window-mlp', window: 4, embed: 5, hidden: [16], activation: 'gelu' }, [12], 11),
  {
    id: 'fashion-teacher',
    grads: false,
    train: false,
    back: 'import',
    make: async () => {
      const spec = { kind: 'pretrained', id: 'fashion-cnn' } as const;
      const { model } = await loadPretrained(spec, fsAssets, [28, 28, 1], 10);
      const x = tf.tidy(() => tf.div(tf.add(randomInputs(8, [28, 28, 1], 3), 1), 2)); // pixels in [0, 1]
      return { model, spec, inputShape: [28, 28, 1], classes: 10, x };
    },
  },
  {
    id: 'char-transformer-teacher',
    grads: false,
    train: false,
    back: 'transformer',
    make: async () => {
      const spec = { kind: 'pretrained', id: 'char-transformer' } as const;
      const { model } = await loadPretrained(spec, fsAssets, [64], 49);
      // Shorter than the context: the positions and the causal mask are sliced.
      return { model, spec, inputShape: [64], classes: 49, x: tokens(2, 40, 49, 8) };
    },
  },
  {
    id: 'keras-teacher-fixture',
    grads: true,
    train: true,
    back: 'import',
    make: async () => {
      const dir = join(ROOT, 'e2e/fixtures/keras-teacher');
      const bin = readFileSync(join(dir, 'weights.bin'));
      const files = {
        modelJson: readFileSync(join(dir, 'model.json'), 'utf8'),
        weights: [bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength) as ArrayBuffer],
      };
      return { ...(await imported(files, [28, 28, 1], 10)), x: randomInputs(6, [28, 28, 1], 4) };
    },
  },
  {
    id: 'batchnorm-dropout',
    grads: true,
    train: true,
    back: 'import',
    make: () => fromModel(withBatchNormAndDropout(), [4], 3, 12, 6),
  },
  {
    id: 'sequential-softmax-layer',
    grads: true,
    train: false,
    back: 'import',
    make: () => fromModel(sequentialSeparate('softmax'), [4], 3, 12, 8),
  },
  { id: 'layer-zoo', grads: true, train: true, back: 'import', make: () => fromModel(layerZoo(), [9, 7, 2], 4, 10, 7) },
];
