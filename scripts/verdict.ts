/**
 * "Does KD beat labels only?" measured in Node on tfjs's cpu backend, for a toy preset: every
 * lane of the preset on 5 seeds at the preset's budget (the studio's engine, the sweep runner),
 * then Welch's t-test of each distillation lane against the no-teacher lane.
 *
 *   npx tsx scripts/verdict.ts [presetId] [steps]
 *   KD_OVERRIDE='{"task":{"noise":0.3}}' npx tsx scripts/verdict.ts race 600
 *
 * The README's numbers for the race preset come from `npx tsx scripts/verdict.ts race`.
 */
import { PRESETS } from '../src/config/presets';
import { laneName } from '../src/objectives';
import { seedsFrom } from '../src/sweeps/grid';
import { summarize } from '../src/sweeps/stats';
import { verdict } from '../src/sweeps/verdict';
import { useCpu } from '../src/test/tf';
import { runSweep } from '../src/worker/sweep-runner';

const [id = 'race', stepsArg] = process.argv.slice(2);
const preset = PRESETS.find((p) => p.id === id);
if (!preset) throw new Error(`No preset ${id}: ${PRESETS.map((p) => p.id).join(', ')}`);
// KD_OVERRIDE='{"task":{"noise":0.3}}' tries a variant (objects merged one level deep, lists replaced), for tuning a preset.
const over = JSON.parse(process.env.KD_OVERRIDE ?? '{}') as Record<string, object>;
const merged = Object.fromEntries(
  Object.entries(preset.config).map(([k, v]) => [
    k,
    !over[k] ? v : typeof v === 'object' && !Array.isArray(v) ? { ...v, ...over[k] } : over[k],
  ]),
) as typeof preset.config;
const base = { ...merged, backend: 'cpu' as const };
const steps = stepsArg ? Number(stepsArg) : base.train.steps;

await useCpu();
const t0 = performance.now();
const [point] = await runSweep({ axes: [], seeds: seedsFrom(base.seed, 5), steps }, base);
const acc = (lane: number) => point!.runs.map((r) => r.lanes[lane]!.studentAccuracy!);
const baseline = base.lanes.findIndex((l) => l.objective === 'baseline');
console.log(
  `${preset.name}: ${steps} steps, seeds ${seedsFrom(base.seed, 5).join(', ')}, cpu, ${((performance.now() - t0) / 1000).toFixed(0)} s`,
);
console.log(`teacher accuracy ${point!.runs.map((r) => (r.teacher.teacherAccuracy! * 100).toFixed(1)).join(', ')}`);
base.lanes.forEach((l, i) => {
  const s = summarize(acc(i));
  const v = i !== baseline && baseline >= 0 ? verdict(acc(i), acc(baseline)) : null;
  console.log(
    `${laneName(i, l.objective)}: ${(s.mean * 100).toFixed(1)}% ± ${(s.ci95 * 100).toFixed(1)} ` +
      `[${acc(i)
        .map((a) => (a * 100).toFixed(1))
        .join(', ')}]` +
      (v ? ` → ${v.word} (t = ${v.test.t.toFixed(2)}, df = ${v.test.df.toFixed(1)}, p = ${v.test.p.toFixed(4)})` : ''),
  );
});
