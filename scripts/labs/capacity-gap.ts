/**
 * Runs the capacity-gap lab (src/sweeps/capacity-gap.ts) through the studio's engine in Node
 * (tfjs wasm, one thread): every shipped Fashion-MNIST teacher × every student width × seed,
 * one Hinton KD lane each, the same step budget. Prints the table the README quotes and writes
 * the whole SweepResult as JSON (for the chart, and as a fixture).
 *
 *   npm run lab:capacity-gap -- [--seeds=1,2,3] [--steps=600] [--teachers=fashion-cnn,...] [--widths=4,8]
 *       [--assistant=64:1000]   (each teacher teaches an MLP assistant of that width for that many steps first)
 *       [--out=file.json]
 */
import { writeFileSync } from 'node:fs';
import type { FashionTeacher } from '../../src/config/models';
import { validateConfig, type ExperimentConfig } from '../../src/config/schema';
import { Session } from '../../src/engine/session';
import { installWasmFilterGrad } from '../../src/engine/wasm-kernels';
import { TEACHER_METRICS } from '../../src/metrics';
import { CAPACITY_GAP_BASE, capacityGapSeries, capacityGapSpec, teacherParams } from '../../src/sweeps/capacity-gap';
import type { PointResult, RunResult, SweepResult } from '../../src/sweeps/types';
import { fsAssets } from '../../src/test/assets';
import { useNodeBackend } from '../text/node-tf';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const seeds = (arg('seeds') ?? '1,2,3').split(',').map(Number);
const steps = Number(arg('steps') ?? 600);
const spec = capacityGapSpec(seeds, steps);
const only = arg('teachers')?.split(',');
if (only) spec.axes[0]!.values = spec.axes[0]!.values.filter((v) => only.includes(String(v)));
const widths = arg('widths')?.split(',').map(Number);
if (widths) spec.axes[1]!.values = widths;
const [teacherAxis, widthAxis] = spec.axes as [(typeof spec.axes)[0], (typeof spec.axes)[0]];
const [assistantWidth, assistantSteps] = (arg('assistant') ?? '').split(':').map(Number);
const assistant = assistantWidth ? { hidden: [assistantWidth], steps: assistantSteps || 1000 } : undefined;

const backend = await useNodeBackend('wasm');
installWasmFilterGrad();

function configFor(teacher: FashionTeacher, width: number, seed: number): ExperimentConfig {
  const raw: ExperimentConfig = {
    ...CAPACITY_GAP_BASE,
    seed,
    teacher: {
      ...CAPACITY_GAP_BASE.teacher,
      model: { kind: 'pretrained', id: teacher },
      ...(assistant && { assistant }),
    },
    student: { kind: 'mlp', hidden: [width], activation: 'relu' },
    train: { ...CAPACITY_GAP_BASE.train, steps },
  };
  const v = validateConfig(raw);
  if (!v.ok) throw new Error(v.errors.map((e) => `${e.path}: ${e.message}`).join('; '));
  return v.config;
}

/** Trains the session's students to the budget; the last evaluation, by metric id, per lane. */
async function train(s: Session, config: ExperimentConfig): Promise<Record<string, number>[]> {
  const cols = s.evalColumns.map((c) => c.id);
  let last: Float32Array | null = null;
  while (s.step < config.train.steps) {
    for (let k = 0; k < config.train.evalEvery && s.step < config.train.steps; k++) s.trainStep();
    const r = await s.flush();
    if (r.diverged) throw new Error(`diverged at step ${r.diverged.step}`);
    for (const e of r.evals) last = e.values;
  }
  return config.lanes.map((_, l) => Object.fromEntries(cols.map((c, j) => [c, last![l * cols.length + j]!])));
}

const points = new Map<string, PointResult>();
for (const t of teacherAxis.values)
  for (const w of widthAxis.values) points.set(`${t}|${w}`, { values: [t, w], runs: [] });

const t0 = performance.now();
for (const teacher of teacherAxis.values as FashionTeacher[]) {
  for (const seed of seeds) {
    // One session per teacher and seed (data split and teacher outputs); each width restarts the students.
    let s: Session | null = null;
    for (const width of widthAxis.values as number[]) {
      const config = configFor(teacher, width, seed);
      if (!s) s = await Session.create(config, { assets: fsAssets });
      else await s.resetStudents(config);
      const lanes = await train(s, config);
      const teacherMetrics = Object.fromEntries(TEACHER_METRICS.map((m, i) => [m.id, s!.teacherMetrics[i]!]));
      const run: RunResult = { seed, lanes, teacher: teacherMetrics, steps: s.step };
      points.get(`${teacher}|${width}`)!.runs.push(run);
      console.log(
        `${teacher} (${teacherParams(teacher)} params, test ${(teacherMetrics.teacherAccuracy! * 100).toFixed(1)}%) → mlp ${width}, seed ${seed}: ` +
          `accuracy ${(lanes[0]!.studentAccuracy! * 100).toFixed(2)}%, agreement ${(lanes[0]!.agreement! * 100).toFixed(2)}%  ` +
          `(${((performance.now() - t0) / 1000).toFixed(0)} s)`,
      );
    }
    s?.dispose();
  }
}

const result: SweepResult = {
  spec,
  base: CAPACITY_GAP_BASE,
  points: [...points.values()],
  complete: true,
  backend,
};
const out = arg('out');
if (out) writeFileSync(out, `${JSON.stringify(result)}\n`);

if (assistant)
  console.log(
    `\nvia an MLP assistant ${assistant.hidden[0]} (${assistant.steps} steps): "teacher acc" is the assistant's`,
  );
console.log(`\nbackend ${backend}, seeds ${seeds.join(', ')}, ${steps} steps, Hinton KD (T 4, α 0.9), 10% labels`);
console.log('| student | teacher | ratio | teacher acc | student acc (mean ± sd) | agreement |');
console.log('|---|---|---:|---:|---:|---:|');
for (const series of capacityGapSeries(result))
  for (const p of series.points)
    console.log(
      `| mlp ${series.width} (${series.params}) | ${p.teacher}${p === series.best ? ' **best**' : ''} | ${p.ratio.toFixed(2)} | ` +
        `${(p.teacherAccuracy * 100).toFixed(1)}% | ${(p.accuracy * 100).toFixed(2)} ± ${(p.accuracySd * 100).toFixed(2)}% | ${(p.agreement * 100).toFixed(2)}% |`,
    );
console.log(`total ${((performance.now() - t0) / 1000).toFixed(0)} s`);
