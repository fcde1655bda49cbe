/**
 * The top-k teacher presets (src/tasks/images/top-k-presets.ts) in the studio's engine in Node
 * (wasm, one thread): each lane's final held-out accuracy, agreement with the full teacher, and
 * ECE, beside its k, its bytes per example and the mass its top k leave out.
 *
 *   npx tsx scripts/top-k/measure.ts [preset=top-k] [steps=the preset's] [seed=42]
 *
 * The README's top-k figures and the presets' sentences come from this script's output.
 */
import { getPreset } from '../../src/config/presets';
import { Session } from '../../src/engine/session';
import { installWasmFilterGrad } from '../../src/engine/wasm-kernels';
import { tailMassCurve, topKBytes } from '../../src/lib/top-k';
import { fsAssets } from '../../src/test/assets';
import { useNodeBackend } from '../text/node-tf';

const [id = 'top-k', stepsArg, seedArg] = process.argv.slice(2);
const preset = getPreset(id);
if (!preset) throw new Error(`No preset “${id}”`);
const steps = stepsArg ? Number(stepsArg) : preset.config.train.steps;
const seed = seedArg ? Number(seedArg) : preset.config.seed;

await useNodeBackend('wasm');
installWasmFilterGrad();
const t0 = performance.now();
const s = await Session.create(
  { ...preset.config, seed, train: { ...preset.config.train, steps } },
  { assets: fsAssets },
);
const classes = s.data.classes;
const tail = tailMassCurve(s.teacher.testLogitsHost, classes);
const cols = s.evalColumns.map((c) => c.id);
let last: Float32Array | undefined;
await s.flush();
while (s.step < steps) {
  for (let i = 0; i < 25 && s.step < steps; i++) s.trainStep();
  const evals = (await s.flush()).evals;
  if (evals.length) last = evals.at(-1)!.values;
}
const t1 = performance.now();
console.log(`${id}: seed ${seed}, ${steps} steps, wasm, ${((t1 - t0) / 1000).toFixed(0)} s`);
const at = (lane: number, m: string) => last![lane * cols.length + cols.indexOf(m)]!;
preset.config.lanes.forEach((l, i) => {
  const k = l.teacherTopK && l.teacherTopK < classes ? l.teacherTopK : classes;
  console.log(
    [
      `student ${i + 1} ${l.objective} k=${k} ${l.missingProbability ?? 'zero'}`,
      `bytes ${topKBytes(k, classes)}`,
      `truncated ${(tail[k]! * 100).toFixed(2)}%`,
      `accuracy ${(at(i, 'studentAccuracy') * 100).toFixed(1)}%`,
      `agreement ${(at(i, 'agreement') * 100).toFixed(1)}%`,
      `ECE ${(at(i, 'ece') * 100).toFixed(1)}%`,
    ].join(', '),
  );
});
s.dispose();
