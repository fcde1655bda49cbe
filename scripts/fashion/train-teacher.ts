/**
 * Trains the Fashion-MNIST teacher the studio ships in public/models/fashion-cnn/: a small CNN
 * that outputs logits, trained on the official 60k training images with tfjs's pure-JS cpu
 * backend, then saved, reloaded from disk and evaluated again.   npm run teacher:fashion
 *
 * Why the cpu backend: the WASM backend has no Conv2DBackpropFilter kernel (it cannot train
 * convolutions) and tfjs-node needs a native download this project avoids. Two of the cpu
 * backend's gradient kernels are replaced by faster, checked ones (src/engine/cpu-kernels.ts): with the
 * stock ones one epoch would take about 90 minutes here.
 * Why a hand-written loop: fit() shuffles with Math.random; here every shuffle and every
 * initial weight comes from a seed, so the same machine gives the same weights.bin again.
 *
 *   --smoke   a one-minute check of the whole pipeline (a few steps, saves to a temp folder)
 *   --size=xxs|xs|s|m   the teacher ladder of the capacity-gap lab (default m, the shipped
 *             fashion-cnn); the others save to public/models/fashion-cnn-<size>/
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import * as tf from '@tensorflow/tfjs';
import { createRng, hash32, shuffleInPlace } from '../../src/lib/rng';
import { FASHION_CLASSES, FASHION_DIR, FASHION_FILES, FASHION_PIXELS } from '../../src/tasks/images/fashion';
import { checkCpuKernels, installFastCpuKernels } from '../../src/engine/cpu-kernels';
import { readSplit, type LabelledImages } from './idx';

const SEED = 1234;
const EPOCHS = 5;
const BATCH_SIZE = 64;
const LEARNING_RATE = 1e-3;
const EVAL_CHUNK = 1000;

const SMOKE = process.argv.includes('--smoke');
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The teacher ladder of the capacity-gap lab (issue 17 §2): the same architecture at smaller
 * widths. 'm' is the teacher the studio has always shipped (its weights must not change); the studio
 * ships xxs and xs as well ('s' is not shipped: it did not fit this round's machine time).
 */
const SIZES = {
  xxs: { filters: [4, 8], dense: 16 },
  xs: { filters: [8, 16], dense: 32 },
  s: { filters: [12, 24], dense: 48 },
  m: { filters: [16, 32], dense: 64 },
} as const;
type Size = keyof typeof SIZES;
const sizeArg = process.argv.find((a) => a.startsWith('--size='))?.slice('--size='.length) ?? 'm';
if (!(sizeArg in SIZES)) throw new Error(`--size must be one of ${Object.keys(SIZES).join(', ')}, not ${sizeArg}`);
const SIZE = sizeArg as Size;
const SHAPE = SIZES[SIZE];
const NAME = SIZE === 'm' ? 'fashion-cnn' : `fashion-cnn-${SIZE}`;
const OUT_DIR = SMOKE ? mkdtempSync(join(tmpdir(), 'fashion-cnn-')) : join(ROOT, 'public/models', NAME);

/** Each layer gets its own seed, derived from the run's seed and the layer's name. */
const init = (layer: string) => tf.initializers.glorotUniform({ seed: hash32(SEED, layer) });

function buildTeacher(): tf.Sequential {
  // Valid padding: 28 → 26 → 13 → 11 → 5, so 'flatten' has 5·5·filters[1] features (800 for 'm').
  // The layer names are the app's contract: it reads 'features' as the hidden representation.
  return tf.sequential({
    name: 'fashion_cnn',
    layers: [
      tf.layers.conv2d({
        name: 'conv1',
        inputShape: [28, 28, 1],
        filters: SHAPE.filters[0],
        kernelSize: 3,
        activation: 'relu',
        kernelInitializer: init('conv1'),
      }),
      tf.layers.maxPooling2d({ name: 'pool1', poolSize: 2 }),
      tf.layers.conv2d({
        name: 'conv2',
        filters: SHAPE.filters[1],
        kernelSize: 3,
        activation: 'relu',
        kernelInitializer: init('conv2'),
      }),
      tf.layers.maxPooling2d({ name: 'pool2', poolSize: 2 }),
      tf.layers.flatten({ name: 'flatten' }),
      tf.layers.dense({
        name: 'features',
        units: SHAPE.dense,
        activation: 'relu',
        kernelInitializer: init('features'),
      }),
      // Logits, no softmax: distillation needs them to apply its own temperature.
      tf.layers.dense({ name: 'logits', units: 10, kernelInitializer: init('logits') }),
    ],
  });
}

/** Pixels of the given rows as a [n, 28, 28, 1] tensor in [0, 1]. */
function imageBatch(split: LabelledImages, rows: ArrayLike<number>): tf.Tensor4D {
  const x = new Float32Array(rows.length * FASHION_PIXELS);
  for (let i = 0; i < rows.length; i++) {
    const src = rows[i]! * FASHION_PIXELS;
    for (let p = 0; p < FASHION_PIXELS; p++) x[i * FASHION_PIXELS + p] = split.images[src + p]! / 255;
  }
  return tf.tensor4d(x, [rows.length, 28, 28, 1]);
}

function oneHotBatch(split: LabelledImages, rows: ArrayLike<number>): tf.Tensor {
  const labels = Int32Array.from(rows, (r) => split.labels[r]!);
  return tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), 10).toFloat());
}

async function accuracy(model: tf.LayersModel, split: LabelledImages, limit = split.count): Promise<number> {
  let correct = 0;
  for (let start = 0; start < limit; start += EVAL_CHUNK) {
    const rows = Array.from({ length: Math.min(EVAL_CHUNK, limit - start) }, (_, i) => start + i);
    const predicted = tf.tidy(() => (model.predict(imageBatch(split, rows)) as tf.Tensor).argMax(-1));
    const labels = await predicted.data();
    predicted.dispose();
    rows.forEach((r, i) => {
      if (labels[i] === split.labels[r]) correct++;
    });
  }
  return correct / limit;
}

/** The committed 2,000-image test subset (public/data/fashion-mnist), as the app sees it. */
function readTestSubset(): LabelledImages {
  const dir = join(ROOT, 'public', FASHION_DIR);
  const images = new Uint8Array(gunzipSync(readFileSync(join(dir, FASHION_FILES.testImages))));
  const labels = new Uint8Array(gunzipSync(readFileSync(join(dir, FASHION_FILES.testLabels))));
  return { images, labels, count: labels.length };
}

async function save(model: tf.LayersModel): Promise<Uint8Array> {
  let weights = new Uint8Array();
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      // One shard: the model is small (a few hundred kB) and one file is one request.
      weights = new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData!));
      const modelJson = {
        format: 'layers-model',
        generatedBy: `TensorFlow.js tfjs-layers v${tf.version_layers}`,
        convertedBy: null,
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs! }],
      };
      mkdirSync(OUT_DIR, { recursive: true });
      writeFileSync(join(OUT_DIR, 'model.json'), `${JSON.stringify(modelJson)}\n`);
      writeFileSync(join(OUT_DIR, 'weights.bin'), weights);
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return weights;
}

/** Loads model.json + weights.bin from disk the way the browser would from a URL. */
async function loadFromDisk(dir: string): Promise<tf.LayersModel> {
  const modelJson = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as tf.io.ModelJSON;
  const artifacts = await tf.io.getModelArtifactsForJSON(modelJson, async (manifest) => {
    const specs = manifest.flatMap((group) => group.weights);
    const bin = readFileSync(join(dir, manifest[0]!.paths[0]!));
    return [specs, bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength)];
  });
  return tf.loadLayersModel(tf.io.fromMemory(artifacts));
}

async function main(): Promise<void> {
  // Not IS_TEST as in src/test/tf.ts: that flag turns on tfjs's per-kernel leak check, which
  // wrongly flags softmaxCrossEntropy's custom gradient and aborts training. So tfjs prints its
  // "install tfjs-node" hint once; ignore it.
  await tf.setBackend('cpu');
  await tf.ready();
  installFastCpuKernels();
  await checkCpuKernels();

  const train = readSplit('train');
  const test10k = readSplit('t10k');
  const test2k = readTestSubset();
  const epochs = SMOKE ? 1 : EPOCHS;
  const stepsPerEpoch = SMOKE ? 50 : Math.floor(train.count / BATCH_SIZE);

  const model = buildTeacher();
  const optimizer = tf.train.adam(LEARNING_RATE);
  model.compile({
    optimizer,
    loss: (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.losses.softmaxCrossEntropy(yTrue, yPred),
    metrics: ['accuracy'],
  });
  model.summary();
  const params = model.countParams();
  console.log(
    `training on ${train.count} images: ${epochs} epochs × ${stepsPerEpoch} steps of ${BATCH_SIZE}, Adam lr ${LEARNING_RATE}, seed ${SEED}`,
  );

  const shuffleRng = createRng(SEED, 'fashion-teacher-shuffle');
  const epochSeconds: number[] = [];
  const history: { epoch: number; loss: number; trainAccuracy: number; seconds: number }[] = [];
  const started = performance.now();
  for (let epoch = 1; epoch <= epochs; epoch++) {
    const t0 = performance.now();
    // A fresh permutation each epoch; the last partial batch is dropped so all steps are equal.
    const order = shuffleInPlace(
      Uint32Array.from({ length: train.count }, (_, i) => i),
      shuffleRng.fork(`epoch-${epoch}`),
    );
    let lossSum = 0;
    let accSum = 0;
    for (let step = 0; step < stepsPerEpoch; step++) {
      const rows = order.subarray(step * BATCH_SIZE, (step + 1) * BATCH_SIZE);
      const x = imageBatch(train, rows);
      const y = oneHotBatch(train, rows);
      const [loss, acc] = (await model.trainOnBatch(x, y)) as number[];
      x.dispose();
      y.dispose();
      lossSum += loss!;
      accSum += acc!;
      if ((step + 1) % (SMOKE ? 10 : 100) === 0) {
        const rate = ((step + 1) * BATCH_SIZE) / ((performance.now() - t0) / 1000);
        console.log(
          `  epoch ${epoch} step ${step + 1}/${stepsPerEpoch}  loss ${(lossSum / (step + 1)).toFixed(4)}  ${rate.toFixed(0)} img/s`,
        );
      }
    }
    const seconds = (performance.now() - t0) / 1000;
    epochSeconds.push(seconds);
    const entry = { epoch, loss: lossSum / stepsPerEpoch, trainAccuracy: accSum / stepsPerEpoch, seconds };
    history.push(entry);
    console.log(
      `epoch ${epoch}/${epochs}: loss ${entry.loss.toFixed(4)}, train accuracy ${entry.trainAccuracy.toFixed(4)}, ${seconds.toFixed(1)} s (tensors ${tf.memory().numTensors})`,
    );
  }
  const trainingSeconds = (performance.now() - started) / 1000;

  // Test accuracy is measured once, after training: no choice above looked at the test set.
  const limit10k = SMOKE ? 1000 : test10k.count;
  const acc2k = await accuracy(model, test2k);
  const acc10k = await accuracy(model, test10k, limit10k);
  console.log(
    `test accuracy: ${acc2k.toFixed(4)} on the 2k subset, ${acc10k.toFixed(4)} on ${limit10k} official test images`,
  );

  const weights = await save(model);
  const weightsHash = createHash('sha256').update(weights).digest('hex').slice(0, 12);

  const reloaded = await loadFromDisk(OUT_DIR);
  const re2k = await accuracy(reloaded, test2k);
  const re10k = await accuracy(reloaded, test10k, limit10k);
  if (re2k !== acc2k || re10k !== acc10k) {
    throw new Error(`reloaded model disagrees: ${re2k} / ${re10k} vs ${acc2k} / ${acc10k}`);
  }
  console.log(`reloaded from ${relative(ROOT, OUT_DIR) || OUT_DIR}: same accuracies (${re2k}, ${re10k})`);

  const meta = {
    name: NAME,
    size: SIZE,
    description:
      'Fashion-MNIST teacher: a small CNN that outputs logits (no softmax). Input: 28×28×1 grey levels in [0, 1].',
    dataset: 'Fashion-MNIST (Zalando Research, MIT), https://github.com/zalandoresearch/fashion-mnist',
    input: { shape: [null, 28, 28, 1], scale: 'pixel / 255' },
    output: { shape: [null, 10], kind: 'logits', classes: FASHION_CLASSES },
    featureLayer: 'features',
    architecture: model.layers.map((layer) => ({
      name: layer.name,
      type: layer.getClassName(),
      outputShape: layer.outputShape,
      params: layer.countParams(),
    })),
    architectureSummary: `conv 3×3×${SHAPE.filters[0]} relu → maxpool 2 → conv 3×3×${SHAPE.filters[1]} relu → maxpool 2 → flatten (${25 * SHAPE.filters[1]}) → dense ${SHAPE.dense} relu (features) → dense 10 (logits)`,
    params,
    testAccuracy: {
      subset2k: acc2k,
      official10k: acc10k,
      subset2kNote: `public/${FASHION_DIR}/${FASHION_FILES.testImages} (2,000 of the official test images)`,
    },
    training: {
      data: 'all 60,000 images of the official training file (train-images-idx3-ubyte.gz); the test file is used only to measure',
      seed: SEED,
      epochs,
      stepsPerEpoch,
      batchSize: BATCH_SIZE,
      optimizer: `Adam (learning rate ${LEARNING_RATE}, beta1 0.9, beta2 0.999, epsilon 1e-7)`,
      loss: 'softmax cross-entropy on logits',
      initialisation: 'Glorot uniform kernels seeded per layer (hash32(seed, layer name)), zero biases',
      shuffling:
        'seeded Fisher–Yates per epoch (createRng(seed, "fashion-teacher-shuffle").fork("epoch-<n>")); last partial batch dropped',
      backend:
        'tfjs cpu (pure JS) in Node, with the faster Conv2DBackpropFilter and MaxPoolGrad of src/engine/cpu-kernels.ts',
      trainingSeconds: Math.round(trainingSeconds),
      secondsPerEpoch: epochSeconds.map((s) => Math.round(s * 10) / 10),
      history,
      machine: '2 CPU cores (shared), no GPU',
    },
    tfjsVersion: tf.version.tfjs,
    weightsBytes: weights.byteLength,
    weightsHash,
    weightsHashNote: 'first 12 hex characters of the sha256 of weights.bin',
    command: `npm run teacher:fashion${SIZE === 'm' ? '' : ` -- --size=${SIZE}`}   (tsx scripts/fashion/train-teacher.ts; needs npm run data:fashion first)`,
  };
  writeFileSync(join(OUT_DIR, 'meta.json'), `${JSON.stringify(meta, null, 2)}\n`);
  console.log(
    `saved ${relative(ROOT, OUT_DIR) || OUT_DIR}: ${params} parameters, weights ${weights.byteLength} bytes, hash ${weightsHash}`,
  );
  console.log(
    `training took ${trainingSeconds.toFixed(0)} s (${epochSeconds.map((s) => s.toFixed(0)).join(', ')} s per epoch)`,
  );
}

await main();
