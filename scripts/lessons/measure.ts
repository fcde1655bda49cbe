/**
 * Plays shipped lessons through the studio's engine in Node (tfjs wasm, one thread) the way the
 * lesson runner plays them in the page: each checkpoint's experiment applied as the worker
 * would (a live edit keeps the students, a student change restarts them, new data or another
 * teacher builds afresh), trained to its step, or until its metric crosses (checked at every
 * evaluation) or its cap. Prints every lane's held-out metrics and last loss parts at each
 * checkpoint: the lessons' notes and answers are written from this output.
 *
 *   npm run lessons:measure -- src/lessons/shipped/1-soft-targets.json [...]
 */
import { readFileSync } from 'node:fs';
import { classifyChange } from '../../src/config/changes';
import type { ExperimentConfig } from '../../src/config/schema';
import { Session } from '../../src/engine/session';
import { installWasmFilterGrad } from '../../src/engine/wasm-kernels';
import { parseLessonText } from '../../src/lessons/parse';
import { resolveLesson } from '../../src/lessons/resolve';
import { fsAssets } from '../../src/test/assets';
import { useNodeBackend } from '../text/node-tf';

await useNodeBackend('wasm');
installWasmFilterGrad();

for (const file of process.argv.slice(2)) {
  const parsed = parseLessonText(readFileSync(file, 'utf8'));
  if (!parsed.ok) throw new Error(`${file}: ${parsed.errors.join(' ')}`);
  const { lesson } = parsed;
  const { steps, notices } = resolveLesson(lesson);
  console.log(`\n=== ${lesson.title} (${file})`);
  if (notices.length) console.log(`notices: ${notices.join(' | ')}`);
  let s: Session | null = null;
  let prev: ExperimentConfig | null = null;
  const t0 = performance.now();
  for (const [i, step] of lesson.steps.entries()) {
    const { config, fresh } = steps[i]!;
    const change = prev ? classifyChange(prev, config, fresh || i === 0) : 'rebuild';
    if (!s || change === 'rebuild') {
      s?.dispose();
      s = await Session.create(config, { assets: fsAssets });
    } else if (change === 'students') await s.resetStudents(config);
    else if (change === 'live') {
      await s.flush();
      s.applyLive(config);
    }
    prev = config;
    const cols = s.evalColumns.map((c) => c.id);
    const lanes = config.lanes.length;
    let last: Float32Array | null = null;
    let lastLoss: { columns: string[]; row: number[] } | null = null;
    let crossed: string | null = null;
    const since = s.step;
    const until = step.until;
    const target = 'steps' in until ? until.steps : until.cap;
    while (s.step < target && !crossed) {
      for (let k = 0; k < config.train.evalEvery && s.step < target; k++) {
        if (s.needsPrepare) await s.prepareStep();
        s.trainStep();
      }
      const r = await s.flush();
      if (r.losses.length) {
        const n = r.columns.length;
        const rows = r.losses.length / n;
        lastLoss = {
          columns: r.columns.map((c) => `${c.lane}:${c.key}`),
          row: Array.from(r.losses.slice((rows - 1) * n, rows * n)),
        };
      }
      for (const e of r.evals) {
        last = e.values;
        if ('metric' in until && e.step > since) {
          const v = e.values[until.lane * cols.length + cols.indexOf(until.metric)]!;
          if (until.op === '>=' ? v >= until.value : v <= until.value)
            crossed = `${until.metric} ${v.toFixed(4)} at step ${e.step}`;
        }
      }
    }
    console.log(
      `-- checkpoint ${i + 1} "${step.title}" at step ${s.step}${crossed ? ` (crossed: ${crossed})` : ''}; ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    if (last)
      for (let l = 0; l < lanes; l++)
        console.log(
          `   lane ${l} (${config.lanes[l]!.objective} ${JSON.stringify(config.lanes[l]!.params)}): ` +
            cols.map((c, j) => `${c} ${last![l * cols.length + j]!.toFixed(4)}`).join(', '),
        );
    if (lastLoss)
      console.log(`   loss: ${lastLoss.columns.map((c, j) => `${c} ${lastLoss!.row[j]!.toFixed(4)}`).join(', ')}`);
    const tm = s.teacherMetrics;
    console.log(`   teacher: ${Array.from(tm, (v) => v.toFixed(4)).join(', ')}`);
    // Several teachers: each member's accuracy and agreement with the mix, as the lab card shows them.
    const { memberAccuracy: acc, memberAgreement: agree } = s.teacher;
    if (acc)
      console.log(
        `   members: ${Array.from(acc, (a, m) => `${a.toFixed(4)} / agrees ${agree?.[m]?.toFixed(4)}`).join(', ')}`,
      );
  }
  s?.dispose();
}
