/**
 * The text teacher-hacking preset in the studio's engine in Node (wasm, one thread), for each seed
 * given: each lane's proxy distance (KL(teacher‖student) on the windows it trains on: the pool's,
 * or held-out ones for the fresh lane) and golden distance (KL(oracle‖student) on held-out windows,
 * the oracle being the shipped teacher) at log-spaced steps, the fitted power laws, and where the
 * golden distance turned up (the chart's readout rule, src/lib/loglog.ts).
 *
 *   npx tsx scripts/text/teacher-hacking.ts [steps=600] [seeds=42]
 *
 * The README's text teacher-hacking figures come from this script's output.
 */
import { Session } from '../../src/engine/session';
import { getPreset } from '../../src/config/presets';
import { laneColumn } from '../../src/lib/columns';
import { Series } from '../../src/state/series';
import type { TextExperiment } from '../../src/tasks/text/defaults';
import { hackingLanes } from '../../src/tasks/oracle/hacking';
import { poolLaneData } from '../../src/tasks/text/pool';
import { fsAssets } from '../../src/test/assets';
import { useNodeBackend } from './node-tf';

const [steps = '600', seeds = '42'] = process.argv.slice(2);
const f = (v: number | undefined) => (v === undefined ? '—' : v.toPrecision(3));

async function run(seed: number): Promise<void> {
  const base = getPreset('text-teacher-hacking')!.config as TextExperiment;
  const cfg: TextExperiment = { ...base, seed, train: { ...base.train, steps: Number(steps) } };
  const t0 = performance.now();
  const s = await Session.create(cfg, { assets: fsAssets });
  const ids = s.evalColumns.map((c) => c.id);
  const series = new Series(cfg.lanes.flatMap((_, l) => ids.map((id) => laneColumn(l, id))));
  const take = async () => (await s.flush()).evals.forEach((e) => series.push(e.step, e.values));
  await take();
  while (s.step < cfg.train.steps) {
    for (let i = 0; i < 50 && s.step < cfg.train.steps; i++) s.trainStep();
    await take();
  }
  console.log(`seed ${seed}: ${cfg.train.steps} steps in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const show = [10, 20, 50, 100, 200, 300, 400, 600, 1000, 2000].filter((x) => x <= cfg.train.steps);
  const laneData = cfg.lanes.map((_, i) => poolLaneData(cfg.task.pool!, i));
  for (const [l, h] of hackingLanes(series, laneData, 'kl').entries()) {
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
