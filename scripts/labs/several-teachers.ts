/**
 * Runs the several-teachers lab (issue 17 §5) through the studio's engine in Node (tfjs wasm,
 * one thread): at each labelled fraction, a Hinton KD student from each shipped Fashion-MNIST
 * teacher alone and from the three mixed (average, confidence, per-example), on a few seeds.
 * Prints student accuracy, the frozen (mixed) teacher's, and student − best single teacher.
 *
 *   npx tsx scripts/labs/several-teachers.ts [--seeds=1,2] [--steps=1000] [--fractions=0.01,0.1]
 */
import { lane } from '../../src/config/lanes';
import { FASHION_TEACHERS } from '../../src/config/models';
import { validateConfig, type ExperimentConfig } from '../../src/config/schema';
import { Session } from '../../src/engine/session';
import { installWasmFilterGrad } from '../../src/engine/wasm-kernels';
import { TEACHER_MIXES } from '../../src/lib/ensemble';
import { IMAGE_CONFIG } from '../../src/tasks/images/defaults';
import { fsAssets } from '../../src/test/assets';
import { useNodeBackend } from '../text/node-tf';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const seeds = (arg('seeds') ?? '1,2').split(',').map(Number);
const steps = Number(arg('steps') ?? 1000);
const fractions = (arg('fractions') ?? '0.01,0.1').split(',').map(Number);
const backend = await useNodeBackend('wasm');
installWasmFilterGrad();

type Variant = { name: string; teacher: ExperimentConfig['teacher'] };
const [main, ...rest] = FASHION_TEACHERS;
const variants: Variant[] = [
  ...FASHION_TEACHERS.map(
    (id) => ({ name: id, teacher: { ...IMAGE_CONFIG.teacher, model: { kind: 'pretrained', id } } }) as Variant,
  ),
  ...TEACHER_MIXES.map((mix): Variant => ({
    name: `mix: ${mix}`,
    teacher: {
      ...IMAGE_CONFIG.teacher,
      model: { kind: 'pretrained', id: main },
      ensemble: { with: rest.map((id) => ({ kind: 'pretrained', id })), mix },
    },
  })),
];

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const rows: string[] = [];
const t0 = performance.now();
for (const fraction of fractions) {
  const results = new Map<string, { student: number[]; teacher: number[] }>();
  for (const v of variants) {
    const r = { student: [] as number[], teacher: [] as number[] };
    for (const seed of seeds) {
      const raw: ExperimentConfig = {
        ...IMAGE_CONFIG,
        seed,
        task: { ...IMAGE_CONFIG.task, labelledFraction: fraction },
        teacher: v.teacher,
        lanes: [lane('hinton')],
        train: { ...IMAGE_CONFIG.train, steps, evalEvery: 100 },
      };
      const c = validateConfig(raw);
      if (!c.ok) throw new Error(c.errors.map((e) => `${e.path}: ${e.message}`).join('; '));
      const s = await Session.create(c.config, { assets: fsAssets });
      const cols = s.evalColumns.map((x) => x.id);
      let last: Float32Array | null = null;
      while (s.step < steps) {
        for (let k = 0; k < 100 && s.step < steps; k++) s.trainStep();
        for (const e of (await s.flush()).evals) last = e.values;
      }
      r.student.push(last![cols.indexOf('studentAccuracy')]!);
      r.teacher.push(s.teacherMetrics[0]!);
      s.dispose();
      console.log(
        `labels ${fraction * 100}%, ${v.name}, seed ${seed}: student ${(r.student.at(-1)! * 100).toFixed(2)}%, teacher ${(r.teacher.at(-1)! * 100).toFixed(2)}%  (${((performance.now() - t0) / 1000).toFixed(0)} s)`,
      );
    }
    results.set(v.name, r);
  }
  const bestSingle = Math.max(...FASHION_TEACHERS.map((id) => mean(results.get(id)!.teacher)));
  for (const [name, r] of results)
    rows.push(
      `| ${fraction * 100}% | ${name} | ${(mean(r.teacher) * 100).toFixed(1)}% | ${(mean(r.student) * 100).toFixed(2)}% | ${((mean(r.student) - bestSingle) * 100).toFixed(2)} |`,
    );
}
console.log(`\nbackend ${backend}, seeds ${seeds.join(', ')}, ${steps} steps, Hinton KD (T 4, α 0.9), MLP 64 student`);
console.log('| labels | teacher | teacher acc | student acc | student − best single teacher (points) |');
console.log('|---|---|---:|---:|---:|');
rows.forEach((r) => console.log(r));
