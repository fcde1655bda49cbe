/**
 * Attention alone on wasm in Node: the reference formulation (rank-4 batched matMuls) against
 * the fast one (2-D matMuls per window and head), forward only (the teacher) and forward +
 * backward (the student), alternating rounds, median per case.
 *
 *   npx tsx scripts/text/attention-bench.ts [windows] [steps]
 */
import { causalAttentionFast } from '../../src/engine/models/transformer-attention-fast';
import { causalAttentionReference, type AttentionShape } from '../../src/engine/models/transformer-attention';
import { MASKED } from '../../src/engine/models/transformer';
import { tf, useNodeBackend } from './node-tf';

const WINDOWS = Number(process.argv[2] ?? 16);
const STEPS = Number(process.argv[3] ?? 64);
const ROUNDS = 7;

type Attention = typeof causalAttentionFast;

function setUp(width: number, heads: number) {
  const shape: AttentionShape = { batch: WINDOWS, steps: STEPS, heads, headWidth: width / heads };
  const rows = WINDOWS * STEPS;
  const [q, k, v] = [1, 2, 3].map((s) => tf.randomNormal([rows, width], 0, 1, 'float32', s) as tf.Tensor2D);
  const mask = tf.tidy(() => tf.mul(tf.sub(1, tf.linalg.bandPart(tf.ones([STEPS, STEPS]), -1, 0)), MASKED));
  return { shape, q: q!, k: k!, v: v!, mask };
}

async function time(f: () => tf.Tensor): Promise<number> {
  const t0 = performance.now();
  const out = f();
  await out.data();
  out.dispose();
  return performance.now() - t0;
}

async function main(): Promise<void> {
  await useNodeBackend('wasm');
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
  for (const [label, width, heads, backward] of [
    ['teacher forward (96, 4 heads)', 96, 4, false],
    ['student forward + backward (48, 4 heads)', 48, 4, true],
  ] as const) {
    const { shape, q, k, v, mask } = setUp(width, heads);
    const run = (attn: Attention) => () =>
      tf.tidy(() => {
        if (!backward) return tf.sum(attn(q, k, v, mask, shape));
        const g = tf.grads((a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) =>
          tf.sum(tf.square(attn(a as tf.Tensor2D, b as tf.Tensor2D, c as tf.Tensor2D, mask, shape))),
        )([q, k, v]);
        return tf.addN(g.map((x) => tf.sum(x)));
      });
    const cases: [string, () => tf.Tensor][] = [
      ['reference', run(causalAttentionReference)],
      ['fast', run(causalAttentionFast)],
    ];
    const times: number[][] = cases.map(() => []);
    for (const [, f] of cases) await time(f);
    for (let r = 0; r < ROUNDS; r++) for (let i = 0; i < cases.length; i++) times[i]!.push(await time(cases[i]![1]));
    const info = await tf.profile(cases[1]![1]);
    tf.dispose(info.result as tf.Tensor);
    const kernels = info.kernels.filter((x) => tf.getKernel(x.name, 'wasm') !== undefined).length;
    const [ref, fast] = times.map(median) as [number, number];
    console.log(
      `${label}, ${WINDOWS}×${STEPS}: reference ${ref.toFixed(1)} ms, fast ${fast.toFixed(1)} ms (${kernels} kernels), ${(ref / fast).toFixed(2)}×`,
    );
    tf.dispose([q, k, v, mask]);
  }
}

await main();
