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
import type { TextExperiment } from '../../src/tasks/text/defaults';
import { hackingLanes } from '../../src/tasks/oracle/hacking';
import { poolLaneData } from '../../src/tasks/text/pool';
import { fsAssets } from '../../src/test/assets';
import { printHackingLanes, trainCollecting } from '../oracle/hacking-report';
import { useNodeBackend } from './node-tf';

const [steps = '600', seeds = '42'] = process.argv.slice(2);

async function run(seed: number): Promise<void> {
  const base = getPreset('text-teacher-hacking')!.config as TextExperiment;
  const cfg: TextExperiment = { ...base, seed, train: { ...base.train, steps: Number(steps) } };
  const t0 = performance.now();
  const s = await Session.create(cfg, { assets: fsAssets });
  const series = await trainCollecting(s, cfg.lanes.length, cfg.train.steps, 50);
  console.log(`seed ${seed}: ${cfg.train.steps} steps in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const show = [10, 20, 50, 100, 200, 300, 400, 600, 1000, 2000].filter((x) => x <= cfg.train.steps);
  const laneData = cfg.lanes.map((_, i) => poolLaneData(cfg.task.pool!, i));
  printHackingLanes(hackingLanes(series, laneData, 'kl'), show);
  s.dispose();
}

await useNodeBackend('wasm');
for (const seed of seeds.split(',').map(Number)) await run(seed);
