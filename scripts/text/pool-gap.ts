/**
 * Fresh windows against a teacher-output pool on the language task, in the studio's engine in
 * Node (wasm, one thread): the default experiment and the same experiment with a pool, for the
 * same number of steps, printing at each evaluation the held-out agreement with the teacher and,
 * for the pool, the agreement on its own windows (the memorisation gap the pool chart shows).
 *
 *   npx tsx scripts/text/pool-gap.ts [steps=300] [pool size=64] [outputs=top-k] [k=8]
 *   FRESH=0 npx tsx scripts/text/pool-gap.ts 600 512     # the pool run alone
 *
 * The README's pool figures and the pool preset's sentence come from this script's output.
 */
import { TEXT_CONFIG, type TextExperiment } from '../../src/tasks/text/defaults';
import { DEFAULT_POOL, POOL_OUTPUTS, type PoolOutputs } from '../../src/tasks/text/pool';
import { Session } from '../../src/engine/session';
import { installWasmFilterGrad } from '../../src/engine/wasm-kernels';
import { fsAssets } from '../../src/test/assets';
import { useNodeBackend } from './node-tf';

const [steps = 300, size = 64, outputs = 'top-k', k = 8] = process.argv.slice(2).map((a, i) => (i === 2 ? a : +a));
if (!POOL_OUTPUTS.includes(outputs as PoolOutputs)) throw new Error(`outputs: one of ${POOL_OUTPUTS.join(', ')}`);

async function run(name: string, cfg: TextExperiment): Promise<void> {
  const t0 = performance.now();
  const s = await Session.create({ ...cfg, train: { ...cfg.train, steps: Number(steps) } }, { assets: fsAssets });
  const ready = performance.now();
  const cols = s.evalColumns.map((c) => c.id);
  const show = (step: number, values: Float32Array) => {
    const at = (id: string) => (cols.includes(id) ? `${(values[cols.indexOf(id)]! * 100).toFixed(1)}%` : '—');
    const ppl = values[cols.indexOf('perplexity')]!.toFixed(2);
    console.log(`${name} step ${step}: held-out agreement ${at('agreement')}, pool ${at('poolAgreement')}, ppl ${ppl}`);
  };
  for (const e of (await s.flush()).evals) show(e.step, e.values);
  const pool = s.data.host.text?.pool;
  if (pool) console.log(`${name}: ${pool.windows} windows, ${pool.bytes} bytes, truncated mass ${pool.truncatedMass}`);
  const t1 = performance.now();
  while (s.step < Number(steps)) {
    for (let i = 0; i < 10 && s.step < Number(steps); i++) s.trainStep();
    for (const e of (await s.flush()).evals) show(e.step, e.values);
  }
  const t2 = performance.now();
  console.log(
    `${name}: ready in ${((ready - t0) / 1000).toFixed(1)} s, ${steps} steps in ${((t2 - t1) / 1000).toFixed(1)} s (${((Number(steps) * 1000) / (t2 - t1)).toFixed(2)} steps/s, evaluations included)`,
  );
  s.dispose();
}

await useNodeBackend('wasm');
installWasmFilterGrad();
if (process.env.FRESH !== '0') await run('fresh', TEXT_CONFIG);
await run('pool', {
  ...TEXT_CONFIG,
  task: {
    ...TEXT_CONFIG.task,
    pool: { ...DEFAULT_POOL, size: Number(size), outputs: outputs as PoolOutputs, k: Number(k) },
  },
});
