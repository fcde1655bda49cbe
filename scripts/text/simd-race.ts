/**
 * The text KD step in Node on tfjs-wasm in three formulations, side by side in one session,
 * rounds alternating (so a change in the machine's load hits all three alike): `reference` (the
 * model before issue 15), `fast` without our SIMD kernels (issue 15's wasm formulation before
 * src/engine/simd/) and `fast` with them (what the studio runs). Prints tokens/s (wall and this
 * process's CPU time), the ratios to the reference and kernels per step.
 *
 *   npx tsx scripts/text/simd-race.ts        BATCH (16), CONTEXT (64), ROUNDS (7), STEPS (4) per round
 */
import { kernelsPerStep, textBenchConfig } from '../../bench/text.bench';
import { setTransformerForms, type TransformerForms } from '../../src/engine/models/transformer';
import { Session } from '../../src/engine/session';
import { setSimdKernels } from '../../src/engine/simd/module';
import { fsAssets } from '../../src/test/assets';
import { tf, useNodeBackend } from './node-tf';

const BATCH = Number(process.env.BATCH ?? 16);
const CONTEXT = Number(process.env.CONTEXT ?? 64);
const ROUNDS = Number(process.env.ROUNDS ?? 7);
const STEPS = Number(process.env.STEPS ?? 4);

const CASES: { name: string; forms: TransformerForms; simd: boolean }[] = [
  { name: 'reference', forms: 'reference', simd: false },
  { name: 'fast, no SIMD', forms: 'fast', simd: false },
  { name: 'fast + SIMD', forms: 'fast', simd: true },
];

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;

async function main(): Promise<void> {
  await useNodeBackend('wasm');
  const s = await Session.create(textBenchConfig(BATCH, CONTEXT), { assets: fsAssets });
  const tokens = STEPS * BATCH * CONTEXT;
  const use = (c: (typeof CASES)[number]) => {
    setTransformerForms(c.forms);
    setSimdKernels(c.simd);
  };
  const step = async () => {
    if (s.needsPrepare) await s.prepareStep();
    s.trainStep();
    await s.flush();
  };
  const wall = CASES.map(() => [] as number[]);
  const cpu = CASES.map(() => [] as number[]);
  for (const c of CASES) {
    use(c);
    for (let i = 0; i < 2; i++) await step();
  }
  const tensors = tf.memory().numTensors;
  for (let r = 0; r < ROUNDS; r++) {
    for (const [i, c] of CASES.entries()) {
      use(c);
      await step();
      const [t0, c0] = [performance.now(), cpuMs()];
      for (let k = 0; k < STEPS; k++) await step();
      wall[i]!.push((tokens * 1000) / (performance.now() - t0));
      cpu[i]!.push((tokens * 1000) / (cpuMs() - c0));
    }
  }
  const kernels: number[] = [];
  for (const c of CASES) {
    setSimdKernels(c.simd);
    kernels.push(await kernelsPerStep(s, c.forms));
  }
  setSimdKernels(true);
  setTransformerForms(null);
  const [refWall, refCpu] = [median(wall[0]!), median(cpu[0]!)];
  console.log(
    `wasm, ${BATCH}×${CONTEXT}, ${ROUNDS} rounds of ${STEPS} steps; tensors ${tensors} → ${tf.memory().numTensors}`,
  );
  console.log('| formulation | KD step tokens/s (wall) | ratio | tokens/s (CPU time) | ratio | kernels per step |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  CASES.forEach((c, i) => {
    const [w, k] = [median(wall[i]!), median(cpu[i]!)];
    console.log(
      `| ${c.name} | ${w.toFixed(0)} | ${(w / refWall).toFixed(2)} | ${k.toFixed(0)} | ${(k / refCpu).toFixed(2)} | ${kernels[i]} |`,
    );
  });
  s.dispose();
}

await main();
