/**
 * The three-model text teacher-hacking preset (`text-teacher-hacking-3`) in the studio's engine in
 * Node (wasm, one thread), for each seed given: the small teacher's own KL(oracle‖teacher) on the
 * held-out windows after its distillation, then each lane's proxy (KL(teacher‖student) on the
 * windows it trains on) and golden distance (KL(oracle‖student) on held-out windows, the oracle
 * being the shipped transformer) at log-spaced steps, the fitted power laws and any turn-up.
 *
 *   npx tsx scripts/text/teacher-hacking-3.ts [steps=600] [seeds=42] [teacherSteps=300]
 *
 * The README's three-model figures come from this script's output.
 */
import { Session } from '../../src/engine/session';
import { getPreset } from '../../src/config/presets';
import type { TextExperiment } from '../../src/tasks/text/defaults';
import { hackingLanes, GOLDEN_COLUMN } from '../../src/tasks/oracle/hacking';
import { poolLaneData } from '../../src/tasks/text/pool';
import { fsAssets } from '../../src/test/assets';
import { printHackingLanes, trainCollecting } from '../oracle/hacking-report';
import { useNodeBackend } from './node-tf';

const [steps = '600', seeds = '42', teacherSteps = '300'] = process.argv.slice(2);

async function run(seed: number): Promise<void> {
  const base = getPreset('text-teacher-hacking-3')!.config as TextExperiment;
  const cfg: TextExperiment = {
    ...base,
    seed,
    teacher: { ...base.teacher, distilled: { ...base.teacher.distilled!, steps: Number(teacherSteps) } },
    train: { ...base.train, steps: Number(steps) },
  };
  const t0 = performance.now();
  const s = await Session.create(cfg, { assets: fsAssets });
  const t1 = performance.now();
  console.log(
    `seed ${seed}: small teacher ${cfg.teacher.distilled!.layers}×${cfg.teacher.distilled!.width}, ${teacherSteps} steps in ${((t1 - t0) / 1000).toFixed(1)} s, KL(oracle‖teacher) ${s.teacher.goldenDistance?.toPrecision(3)} on held-out windows`,
  );
  const series = await trainCollecting(s, cfg.lanes.length, cfg.train.steps, 50);
  console.log(`  students: ${cfg.train.steps} steps in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
  const show = [10, 20, 50, 100, 200, 300, 400, 600, 1000, 2000].filter((x) => x <= cfg.train.steps);
  const laneData = cfg.lanes.map((_, i) => poolLaneData(cfg.task.pool!, i));
  printHackingLanes(hackingLanes(series, laneData, GOLDEN_COLUMN), show);
  s.dispose();
}

await useNodeBackend('wasm');
for (const seed of seeds.split(',').map(Number)) await run(seed);
