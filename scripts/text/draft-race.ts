/**
 * The draft-model race (preset text-draft) in the studio's engine in Node (wasm, one thread):
 * four tiny students (forward KL, reverse KL, JSD β = 0.5, no teacher) trained for the preset's
 * steps, then, per lane, the held-out draft metrics (acceptance α = 1 − TVD, characters per
 * teacher call for γ = 4, sampling and greedy) and the demo's realised characters per call
 * (speculative decoding of 400 characters after the preset's prompt, sampling at T = 1 and greedy).
 *
 *   npx tsx scripts/text/draft-race.ts [seed=42] [steps=400]
 *
 * The README's draft-model figures and the preset's sentence come from this script's output.
 */
import { Session } from '../../src/engine/session';
import { installWasmFilterGrad } from '../../src/engine/wasm-kernels';
import { getObjective } from '../../src/objectives';
import { speculativeRun } from '../../src/tasks/text/engine/draft';
import { TEXT_VOCAB } from '../../src/tasks/text/normalise';
import { TEXT_PRESETS } from '../../src/tasks/text/presets';
import { fsAssets } from '../../src/test/assets';
import { useNodeBackend } from './node-tf';

const [seed = 42, steps = 400] = process.argv.slice(2).map(Number);
const preset = TEXT_PRESETS.find((p) => p.id === 'text-draft')!;
const cfg = { ...preset.config, seed, train: { ...preset.config.train, steps } };

await useNodeBackend('wasm');
installWasmFilterGrad();
const t0 = performance.now();
const s = await Session.create(cfg, { assets: fsAssets });
const cols = s.evalColumns.map((c) => c.id);
let last: Float32Array | undefined;
const keep = (evals: { step: number; values: Float32Array }[]) => {
  for (const e of evals) {
    last = e.values;
    const per = cols.length;
    const row = cfg.lanes.map((_, l) => (e.values[l * per + cols.indexOf('draftChars')]! as number).toFixed(2));
    console.log(`step ${e.step}: chars/call (sampling) ${row.join(' / ')}`);
  }
};
keep((await s.flush()).evals);
while (s.step < steps) {
  for (let i = 0; i < 10 && s.step < steps; i++) s.trainStep();
  keep((await s.flush()).evals);
}
console.log(`seed ${seed}, ${steps} steps on ${'wasm'} in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
const prompt = Int32Array.from(Array.from('the whale ', (c) => TEXT_VOCAB.indexOf(c)));
const atOnce = <T>(work: () => Promise<T>) => work();
for (let l = 0; l < cfg.lanes.length; l++) {
  const v = (id: string) => last![l * cols.length + cols.indexOf(id)]!;
  const demo = [];
  for (const mode of ['sampling', 'greedy'] as const) {
    const r = await speculativeRun(s, prompt, l, mode, 400, atOnce);
    demo.push(`${mode} ${(r.ids.length / r.calls).toFixed(2)} chars/call (${r.accepted}/${r.proposed} accepted)`);
  }
  console.log(
    `lane ${l + 1} ${getObjective(cfg.lanes[l]!.objective).name}: α ${(100 * v('acceptance')).toFixed(1)}%, ` +
      `chars/call sampling ${v('draftChars').toFixed(3)}, greedy ${v('greedyDraftChars').toFixed(3)}, ` +
      `agreement ${(100 * v('agreement')).toFixed(1)}%, ppl ${v('perplexity').toFixed(2)}; demo: ${demo.join('; ')}`,
  );
}
s.dispose();
