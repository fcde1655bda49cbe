/**
 * Trains the text task's teacher, a character transformer, in Node and saves it to
 * public/models/char-transformer/{model.json, weights.bin, meta.json}.
 *
 *   npm run teacher:text                       # the committed teacher (defaults below)
 *   npm run teacher:text -- --steps 200 --out /tmp/pilot --layers 3 --width 96
 *
 * Everything random is seeded (initial weights, training windows, samples), and the step
 * count is fixed rather than a time budget, so a re-run on the same backend repeats the run.
 * Backend: wasm, one thread (the threaded build needs Web Workers and does not start in
 * Node). For this model at batch 64 × 64 it took 1.3 s per step against 24 s on the pure-JS
 * cpu backend (scripts/text/bench.ts); it can train at all because the model embeds by
 * one-hot·E, and fast because of the transposed-matMul workaround in transformer.ts.
 *
 * Size (the defaults): 4 layers × width 96, 4 heads, 0.46 M weights, batch 64, 1600 steps,
 * about 45 minutes on a shared 2-core machine. Within that budget the teacher is limited by
 * steps, not capacity: two pilots (batch 32) had the same training loss per step at step 250
 * (4×128: 2.057, 4×96: 2.069), and 4×96 steps are about 1.45× faster (663 vs 955 ms), so
 * it gets more of them; 4×128 for 300 steps reached held-out perplexity 7.27, 4×96 for 700
 * steps 5.72. Batch 64 over 32: about 1.4× the tokens per second on wasm (per-op overheads
 * spread over more tokens). The final run's train and held-out perplexities (4.09, 4.34) are
 * still close, so a longer run, not a smaller model, is what would improve it.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generate } from '../../src/engine/models/generate';
import {
  type Transformer,
  type TransformerConfig,
  createTransformer,
  loadTransformer,
  saveTransformer,
  tokenCrossEntropy,
} from '../../src/engine/models/transformer';
import { evaluateWindows, spreadSample, windowBatch, windowStarts } from '../../src/engine/models/transformer-eval';
import { setLearningRate } from '../../src/engine/optim';
import { createRng } from '../../src/lib/rng';
import { loadCorpus } from './corpus';
import { type NodeBackend, tf, useNodeBackend } from './node-tf';

const { values: args } = parseArgs({
  options: {
    layers: { type: 'string', default: '4' },
    width: { type: 'string', default: '96' },
    heads: { type: 'string', default: '4' },
    context: { type: 'string', default: '64' },
    steps: { type: 'string', default: '1600' },
    batch: { type: 'string', default: '64' },
    lr: { type: 'string', default: '0.002' },
    warmup: { type: 'string', default: '100' },
    clip: { type: 'string', default: '1' },
    seed: { type: 'string', default: '1' },
    backend: { type: 'string', default: 'wasm' },
    'eval-every': { type: 'string', default: '400' },
    out: { type: 'string', default: 'public/models/char-transformer' },
  },
});
const num = (k: keyof typeof args) => Number(args[k]);
const STEPS = num('steps');
const BATCH = num('batch');
const PEAK_LR = num('lr');
const WARMUP = num('warmup');
const CLIP = num('clip');
const SEED = num('seed');
const SAMPLE_PROMPT = 'the ';
const SAMPLE_TEMPERATURE = 0.8;
const SAMPLE_SEED = 1;
const SAMPLE_LENGTH = 160;
const SPOT_CHECK_WINDOWS = 24;

/** Linear warm-up, then cosine decay to 10% of the peak at the last step. */
function learningRate(step: number): number {
  if (step < WARMUP) return (PEAK_LR * (step + 1)) / WARMUP;
  const t = (step - WARMUP) / Math.max(1, STEPS - WARMUP);
  return PEAK_LR * (0.1 + 0.45 * (1 + Math.cos(Math.PI * t)));
}

const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');

const backend = await useNodeBackend(args.backend as NodeBackend);
const corpus = loadCorpus();
const config: TransformerConfig = {
  vocab: corpus.vocab.size,
  context: num('context'),
  layers: num('layers'),
  width: num('width'),
  heads: num('heads'),
  mlpRatio: 4,
};
const T = config.context;
const heldOutStarts = windowStarts(corpus.heldOut.length, T);
const trainEvalStarts = spreadSample(windowStarts(corpus.train.length, T), heldOutStarts.length);

async function evaluate(model: Transformer) {
  const heldOut = await evaluateWindows(model, corpus.heldOut, heldOutStarts);
  const train = await evaluateWindows(model, corpus.train, trainEvalStarts);
  return { heldOut, train };
}

const model = createTransformer(config, createRng(SEED, 'teacher-init'), 'teacher');
const batchRng = createRng(SEED, 'teacher-batches');
const optimizer = tf.train.adam(PEAK_LR, 0.9, 0.99);
console.log(
  `backend ${backend}; config ${JSON.stringify(config)}; ${model.paramCount} parameters; ` +
    `${STEPS} steps × ${BATCH} windows of ${T}; corpus ${corpus.train.length} train / ${corpus.heldOut.length} held out`,
);

/** One Adam step on a seeded batch of random training windows, gradients clipped by global norm. */
function trainStep(step: number): tf.Tensor {
  const starts = Array.from({ length: BATCH }, () => batchRng.int(corpus.train.length - T - 1));
  const { x, y } = windowBatch(corpus.train, starts, T);
  setLearningRate(optimizer, learningRate(step));
  return tf.tidy(() => {
    const xs = tf.tensor2d(x, [BATCH, T], 'int32');
    const ys = tf.tensor2d(y, [BATCH, T], 'int32');
    const { value, grads } = tf.variableGrads(() => tokenCrossEntropy(model.forward(xs).logits, ys), model.variables);
    const norm = tf.sqrt(tf.addN(Object.values(grads).map((g) => tf.sum(tf.square(g)))));
    const scale = tf.minimum(1, tf.div(CLIP, tf.add(norm, 1e-6)));
    optimizer.applyGradients(Object.fromEntries(Object.entries(grads).map(([k, g]) => [k, tf.mul(g, scale)])));
    return tf.stack([value, norm]);
  });
}

const started = performance.now();
let trainSeconds = 0;
let lossSum = 0;
let lossCount = 0;
const history: { step: number; trainLoss: number; heldOutPerplexity?: number }[] = [];
for (let step = 0; step < STEPS; step++) {
  const t0 = performance.now();
  const out = trainStep(step);
  const [loss, norm] = await out.data();
  out.dispose();
  trainSeconds += (performance.now() - t0) / 1000;
  if (!Number.isFinite(loss!)) throw new Error(`step ${step}: loss is ${loss}`);
  lossSum += loss!;
  lossCount++;
  const last = step === STEPS - 1;
  if ((step + 1) % 50 === 0 || last) {
    const row: (typeof history)[number] = { step: step + 1, trainLoss: lossSum / lossCount };
    let line =
      `step ${step + 1}/${STEPS}  loss ${row.trainLoss.toFixed(4)}  |g| ${norm!.toFixed(2)}  lr ${learningRate(step).toExponential(2)}  ` +
      `${((trainSeconds * 1000) / (step + 1)).toFixed(0)} ms/step  ${((performance.now() - started) / 1000).toFixed(0)} s`;
    if ((step + 1) % num('eval-every') === 0 && !last) {
      const h = await evaluateWindows(model, corpus.heldOut, heldOutStarts);
      row.heldOutPerplexity = h.perplexity;
      line += `  held-out ppl ${h.perplexity.toFixed(3)}`;
    }
    console.log(line);
    history.push(row);
    lossSum = 0;
    lossCount = 0;
  }
}
const totalSeconds = (performance.now() - started) / 1000;
const final = await evaluate(model);
console.log(
  `final: held-out ppl ${final.heldOut.perplexity.toFixed(4)}, train ppl ${final.train.perplexity.toFixed(4)}`,
);

// Save, then load what was written and check it gives the same held-out perplexity.
const out = args.out!;
mkdirSync(out, { recursive: true });
const { json, weights } = await saveTransformer(model);
writeFileSync(join(out, 'model.json'), JSON.stringify(json, null, 2) + '\n');
writeFileSync(join(out, 'weights.bin'), new Uint8Array(weights));
const bin = readFileSync(join(out, 'weights.bin'));
const reloaded = loadTransformer(
  JSON.parse(readFileSync(join(out, 'model.json'), 'utf8')),
  bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength),
  'teacher-reloaded',
);
const check = await evaluateWindows(reloaded, corpus.heldOut, heldOutStarts);
if (check.crossEntropy !== final.heldOut.crossEntropy) {
  throw new Error(`reloaded model: held-out cross-entropy ${check.crossEntropy} ≠ ${final.heldOut.crossEntropy}`);
}
console.log(`reloaded from ${out}: held-out ppl ${check.perplexity.toFixed(4)} (identical)`);

// A few held-out windows for the unit test to re-measure on the cpu backend in seconds.
const spotStarts = spreadSample(heldOutStarts, SPOT_CHECK_WINDOWS);
const spot = await evaluateWindows(reloaded, corpus.heldOut, spotStarts);

const sampleRng = createRng(SAMPLE_SEED, 'samples');
const samples: string[] = [];
for (let i = 0; i < 3; i++) {
  const ids = await generate(reloaded, corpus.vocab.encode(SAMPLE_PROMPT), SAMPLE_LENGTH, {
    temperature: SAMPLE_TEMPERATURE,
    rng: sampleRng,
  });
  samples.push(SAMPLE_PROMPT + corpus.vocab.decode(ids));
  console.log(`sample ${i + 1}: ${JSON.stringify(samples[i])}`);
}

const round = (x: number, digits = 4) => Number(x.toFixed(digits));
const meta = {
  name: 'char-transformer',
  description: 'Decoder-only character transformer trained on Moby-Dick (public/data/text): the text task teacher.',
  config,
  params: model.paramCount,
  heldOutPerplexity: round(final.heldOut.perplexity),
  trainPerplexity: round(final.train.perplexity),
  heldOutCrossEntropy: round(final.heldOut.crossEntropy, 6),
  trainCrossEntropy: round(final.train.crossEntropy, 6),
  evaluation:
    `exp(token-mean cross-entropy) over non-overlapping ${T}-character windows: all ${final.heldOut.windows} of the held-out ` +
    `split; for train, ${final.train.windows} windows spread evenly over the train split`,
  steps: STEPS,
  batch: BATCH,
  tokensSeen: STEPS * BATCH * T,
  optimizer: {
    name: 'adam',
    beta1: 0.9,
    beta2: 0.99,
    peakLr: PEAK_LR,
    warmupSteps: WARMUP,
    decay: 'cosine to 10%',
    clipGlobalNorm: CLIP,
  },
  seconds: Math.round(totalSeconds),
  msPerStep: Math.round((trainSeconds * 1000) / STEPS),
  backend: `${backend} (tfjs 4.22.0, Node ${process.version}, 1 thread)`,
  seed: SEED,
  weightsHash: sha256(bin).slice(0, 12),
  corpus: { sha256: corpus.meta.files['corpus.txt (inflated)']!.sha256, heldOutStart: corpus.meta.split.heldOutStart },
  spotCheck: {
    about: 'cross-entropy of these held-out windows (offsets into the held-out split), re-measured by the unit test',
    heldOutStarts: spotStarts,
    crossEntropy: round(spot.crossEntropy, 6),
    perplexity: round(spot.perplexity),
  },
  samples: {
    prompt: SAMPLE_PROMPT,
    temperature: SAMPLE_TEMPERATURE,
    seed: SAMPLE_SEED,
    length: SAMPLE_LENGTH,
    text: samples,
  },
  history,
  command: ['npm run teacher:text', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' '),
};
writeFileSync(join(out, 'meta.json'), JSON.stringify(meta, null, 2) + '\n');
console.log(`wrote ${out}: weights ${bin.length} bytes, hash ${meta.weightsHash}, ${Math.round(totalSeconds)} s`);
