/**
 * Runs the toy capacity-gap lab (src/tasks/toy2d/capacity-gap.ts) through the studio's sweep
 * runner in Node (tfjs cpu with the app's cpu kernels): every teacher width × every student
 * width × seed, each teacher trained once per seed, one Hinton KD lane each, the same budget.
 * Prints the table the README quotes and writes the SweepResult as JSON.
 *
 *   npm run lab:toy-capacity-gap -- [--seeds=1,2,3] [--steps=600] [--out=file.json]
 */
import { writeFileSync } from 'node:fs';
import { TOY_CAPACITY_GAP_BASE, toyCapacityGapSeries, toyCapacityGapSpec } from '../../src/tasks/toy2d/capacity-gap';
import { fsAssets } from '../../src/test/assets';
import { useCpu } from '../../src/test/tf';
import { runSweep } from '../../src/worker/sweep-runner';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const seeds = (arg('seeds') ?? '1,2,3').split(',').map(Number);
const steps = Number(arg('steps') ?? 600);
const spec = toyCapacityGapSpec(seeds, steps);
const base = TOY_CAPACITY_GAP_BASE;

await useCpu();
const t0 = Date.now();
const points = await runSweep(spec, base, { assets: fsAssets });
const ms = Date.now() - t0;
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
for (const s of toyCapacityGapSeries({ spec, points, base })) {
  console.log(`student MLP ${s.width} (${s.params} params)`);
  for (const p of s.points)
    console.log(
      `  ${p.teacher.padEnd(7)} ratio ${p.ratio.toFixed(2).padStart(6)}  teacher ${pct(p.teacherAccuracy)}  student ${pct(p.accuracy)} ± ${pct(p.accuracySd)}  agreement ${pct(p.agreement)}${p === s.best ? '  ← best' : ''}`,
    );
}
console.log(`${points.reduce((n, p) => n + p.runs.length, 0)} runs in ${(ms / 1000).toFixed(0)} s`);
const out = arg('out');
if (out) writeFileSync(out, JSON.stringify({ spec, base, points, complete: true, backend: 'cpu', ms }, null, 2));
