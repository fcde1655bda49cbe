/**
 * The teacher-hacking preset in the studio's engine in Node (wasm, one thread), for each seed
 * given: each lane's proxy distance (KL(teacher‖student) on the inputs it trains on) and golden
 * distance (KL(oracle‖student), held out) at log-spaced steps, the power laws fitted to them,
 * and where the golden distance turned up (the readout's rule, src/lib/loglog.ts).
 *
 *   npx tsx scripts/oracle/teacher-hacking.ts [steps=6000] [seeds=42,7]
 *   POOL=16 LR=0.003 npx tsx scripts/oracle/teacher-hacking.ts 6000 42
 *
 * The README's teacher-hacking figures and the preset's sentence come from this script's output.
 */
import { Session } from '../../src/engine/session';
import { laneColumn } from '../../src/lib/columns';
import { Series } from '../../src/state/series';
import { ORACLE_CONFIG, type OracleExperiment } from '../../src/tasks/oracle/defaults';
import { hackingLanes } from '../../src/tasks/oracle/hacking';
import { useNodeBackend } from '../text/node-tf';

const [steps = '6000', seeds = '42,7'] = process.argv.slice(2);
const f = (v: number | undefined) => (v === undefined ? '—' : v.toPrecision(3));

async function run(seed: number): Promise<void> {
  const env = process.env;
  const cfg: OracleExperiment = {
    ...ORACLE_CONFIG,
    seed,
    task: { ...ORACLE_CONFIG.task, ...(env.POOL && { pool: Number(env.POOL) }) },
    train: { ...ORACLE_CONFIG.train, steps: Number(steps), ...(env.LR && { lr: Number(env.LR) }) },
  };
  const t0 = performance.now();
  const s = await Session.create(cfg);
  const ids = s.evalColumns.map((c) => c.id);
  const series = new Series(cfg.lanes.flatMap((_, l) => ids.map((id) => laneColumn(l, id))));
  const take = async () => (await s.flush()).evals.forEach((e) => series.push(e.step, e.values));
  await take();
  const teacher = [...s.teacherMetrics].map((v) => v.toFixed(3)).join(', ');
  console.log(
    `seed ${seed}: teacher ready in ${((performance.now() - t0) / 1000).toFixed(1)} s (accuracy, ECE ${teacher})`,
  );
  while (s.step < cfg.train.steps) {
    for (let i = 0; i < 100 && s.step < cfg.train.steps; i++) s.trainStep();
    await take();
  }
  console.log(`seed ${seed}: ${cfg.train.steps} steps in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const show = [20, 40, 100, 200, 500, 1000, 2000, 4000, 6000, 10000].filter((x) => x <= cfg.train.steps);
  for (const [l, h] of hackingLanes(series, cfg.task.laneData).entries()) {
    const at = (xs: number[], step: number) => xs[h.steps.indexOf(step)];
    console.log(`  lane ${l + 1} (${h.data}) at steps ${show.join(' ')}`);
    console.log(
      `    proxy  ${show.map((x) => f(at(h.proxy, x))).join(' ')}   fitted slope ${h.proxyFit?.slope.toFixed(2)}`,
    );
    console.log(
      `    golden ${show.map((x) => f(at(h.golden, x))).join(' ')}   fitted slope ${h.goldenFit?.slope.toFixed(2)}`,
    );
    const t = h.turned;
    console.log(
      t
        ? `    golden turned up: ${f(t.min)} at step ${t.step}, ${f(t.peak)} at step ${t.peakStep} (+${(t.rise * 100).toFixed(0)}%), proxy ${f(h.proxyAtTurn)} → ${f(h.proxyAtPeak)}; last ${f(t.latest)}`
        : '    golden did not turn up',
    );
  }
  s.dispose();
}

await useNodeBackend('wasm');
for (const seed of seeds.split(',').map(Number)) await run(seed);
