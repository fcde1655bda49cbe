/**
 * Times the text file task's default teacher (TEXTFILE_CONFIG: its size, steps and windows)
 * training on the shipped sample in Node, the way the studio trains it, and reports its
 * held-out perplexity, to check the default finishes in minutes on a CPU.
 *
 *   npx tsx scripts/textfile/time-teacher.ts [wasm|cpu] [steps]
 *
 * Steps default to the config's; fewer are timed and extrapolated when the backend is slow.
 */
import { readFileSync } from 'node:fs';
import { prepareTeacher } from '../../src/engine/teacher';
import type { Assets } from '../../src/engine/assets';
import { TEXTFILE_CONFIG } from '../../src/tasks/textfile/defaults';
import { textfileEngine } from '../../src/tasks/textfile/engine';
import { type NodeBackend, tf, useNodeBackend } from '../text/node-tf';

const backend = (process.argv[2] ?? 'wasm') as NodeBackend;
const steps = Number(process.argv[3] ?? TEXTFILE_CONFIG.teacher.trainSteps);
const assets: Assets = {
  bytes: async (path) => new Uint8Array(readFileSync(`public/${path}`)),
  json: async (path) => JSON.parse(readFileSync(`public/${path}`, 'utf8')) as never,
};

await useNodeBackend(backend);
const cfg = { ...TEXTFILE_CONFIG, teacher: { ...TEXTFILE_CONFIG.teacher, trainSteps: steps } };
const data = await textfileEngine.load(cfg.task, cfg.seed, assets);
const t0 = performance.now();
const teacher = await prepareTeacher(cfg, data, assets, (p) => {
  if (p.phase === 'teacher')
    console.log(`${p.done}/${p.total} ${p.detail ?? ''} ${((performance.now() - t0) / 1000).toFixed(1)} s`);
});
const seconds = (performance.now() - t0) / 1000;
const perplexity = teacher.metrics.at(-1)!;
console.log(
  `${backend}: ${steps} steps of ${TEXTFILE_CONFIG.teacher.model.layers}×${TEXTFILE_CONFIG.teacher.model.width} ` +
    `in ${seconds.toFixed(0)} s (${((seconds / steps) * 1000).toFixed(0)} ms/step; the default ${TEXTFILE_CONFIG.teacher.trainSteps} steps ≈ ` +
    `${(((seconds / steps) * TEXTFILE_CONFIG.teacher.trainSteps) / 60).toFixed(1)} min); held-out perplexity ${perplexity.toFixed(2)}`,
);
teacher.dispose();
data.dispose();
console.log(`tensors left: ${tf.memory().numTensors}`);
