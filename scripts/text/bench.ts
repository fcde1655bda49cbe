/**
 * Times training steps of the character transformer in Node, per backend and size, and the
 * embedding lookup on its own (one-hot·E against gather), to choose the teacher's size and
 * backend within the training budget.
 *
 *   npx tsx scripts/text/bench.ts [backend] [layers×width] ...   e.g. wasm 4x128 2x96
 *   npx tsx scripts/text/bench.ts wasm matmul    # transposed matMul against transpose + matMul
 *
 * Environment: BATCH (32), CONTEXT (64), STEPS (6) timed after one warm-up step.
 */
import { createRng } from '../../src/lib/rng';
import {
  createTransformer,
  oneHotFloat,
  tokenCrossEntropy,
  type TransformerConfig,
} from '../../src/engine/models/transformer';
import { type NodeBackend, tf, useNodeBackend } from './node-tf';

const VOCAB = 49;
const BATCH = Number(process.env.BATCH ?? 32);
const CONTEXT = Number(process.env.CONTEXT ?? 64);
const STEPS = Number(process.env.STEPS ?? 6);

function batchOf(rng: ReturnType<typeof createRng>, b: number, t: number) {
  const x = Int32Array.from({ length: b * t }, () => rng.int(VOCAB));
  const y = Int32Array.from({ length: b * t }, () => rng.int(VOCAB));
  return { x: tf.tensor2d(x, [b, t], 'int32'), y: tf.tensor2d(y, [b, t], 'int32') };
}

async function timeSteps(step: () => tf.Scalar): Promise<number> {
  const warm = step(); // warm-up: kernel set-up, allocations
  await warm.data();
  warm.dispose();
  const times: number[] = [];
  for (let i = 0; i < STEPS; i++) {
    const t0 = performance.now();
    const loss = step();
    await loss.data();
    loss.dispose();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

async function benchModel(config: TransformerConfig) {
  const rng = createRng(1, 'bench');
  const model = createTransformer(config, rng);
  const opt = tf.train.adam(1e-3);
  const { x, y } = batchOf(rng, BATCH, config.context);
  const ms = await timeSteps(() =>
    opt.minimize(() => tokenCrossEntropy(model.forward(x).logits, y), true, model.variables)!,
  );
  x.dispose();
  y.dispose();
  opt.dispose();
  model.dispose();
  return ms;
}

async function benchEmbedding(width: number) {
  const rng = createRng(2, 'bench');
  const e = tf.variable(tf.randomNormal([VOCAB, width]));
  const ids = tf.tensor1d(
    Int32Array.from({ length: BATCH * CONTEXT }, () => rng.int(VOCAB)),
    'int32',
  );
  const opt = tf.train.sgd(0.01);
  const oneHot = await timeSteps(() =>
    opt.minimize(() => tf.mean(tf.square(tf.matMul(oneHotFloat(ids, VOCAB), e))), true, [e])!,
  );
  let gather: number | string;
  try {
    gather = await timeSteps(() => opt.minimize(() => tf.mean(tf.square(tf.gather(e, ids))), true, [e])!);
  } catch (err) {
    gather = `fails: ${(err as Error).message.slice(0, 80)}`;
  }
  e.dispose();
  ids.dispose();
  opt.dispose();
  return { oneHot, gather };
}

/**
 * Why transformer.ts transposes explicitly in its matMul gradient on wasm: the shapes of a
 * 4×128 MLP layer's gradients at batch 32 × 64, with the transpose flags and without.
 */
async function benchMatMul() {
  const x = tf.randomNormal([2048, 128]);
  const w = tf.randomNormal([128, 512]);
  const dy = tf.randomNormal([2048, 512]);
  const cases: [string, () => tf.Tensor][] = [
    ['x·w (forward)', () => tf.matMul(x, w)],
    ['dy·wᵀ with transposeB', () => tf.matMul(dy, w, false, true)],
    ['dy·transpose(w)', () => tf.matMul(dy, tf.transpose(w))],
    ['xᵀ·dy with transposeA', () => tf.matMul(x, dy, true, false)],
    ['transpose(x)·dy', () => tf.matMul(tf.transpose(x), dy)],
  ];
  for (const [name, f] of cases) {
    const ms = await timeSteps(() => tf.tidy(() => tf.sum(f())));
    console.log(`${name.padEnd(24)} ${ms.toFixed(1)} ms`);
  }
  tf.dispose([x, w, dy]);
}

const [backend = 'wasm', ...sizes] = process.argv.slice(2);
await useNodeBackend(backend as NodeBackend);
if (sizes[0] === 'matmul') {
  await benchMatMul();
  process.exit(0);
}
console.log(`backend ${tf.getBackend()}, batch ${BATCH}, context ${CONTEXT}, median of ${STEPS} steps`);
for (const size of sizes.length > 0 ? sizes : ['4x128']) {
  const [layers, width] = size.split('x').map(Number) as [number, number];
  const config = {
    vocab: VOCAB,
    context: CONTEXT,
    layers,
    width,
    heads: width >= 128 ? 4 : width >= 64 ? 4 : 2,
    mlpRatio: 4,
  };
  const ms = await benchModel(config);
  const emb = await benchEmbedding(width);
  console.log(
    `${size} heads ${config.heads}: ${ms.toFixed(0)} ms/step (${((BATCH * CONTEXT) / ms).toFixed(1)}k tokens/s); ` +
      `embedding fwd+bwd: one-hot ${emb.oneHot.toFixed(1)} ms, gather ${typeof emb.gather === 'number' ? emb.gather.toFixed(1) + ' ms' : emb.gather}`,
  );
}
