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
import { ORACLE_CONFIG, type OracleExperiment } from '../../src/tasks/oracle/defaults';
import { hackingLanes } from '../../src/tasks/oracle/hacking';
import { useNodeBackend } from '../text/node-tf';
import { printHackingLanes, trainCollecting } from './hacking-report';

const [steps = '6000', seeds = '42,7'] = process.argv.slice(2);

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
  const series = await trainCollecting(s, cfg.lanes.length, cfg.train.steps, 100);
  console.log(`seed ${seed}: ${cfg.train.steps} steps in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const show = [20, 40, 100, 200, 500, 1000, 2000, 4000, 6000, 10000].filter((x) => x <= cfg.train.steps);
  printHackingLanes(hackingLanes(series, cfg.task.laneData), show);
  s.dispose();
}

await useNodeBackend('wasm');
for (const seed of seeds.split(',').map(Number)) await run(seed);
