/**
 * The numbers behind the "What is distillation?" card's picture (src/ui/intro/example.ts): the
 * default experiment's teacher, trained here as the studio trains it (engine, cpu backend, the
 * default seed), and one test point whose probabilities show what a temperature reveals. Prints
 * the candidates; the chosen point and its logits are copied into example.ts by hand.
 */
import { softmaxRow } from '../../src/lib/softmax';
import { Session } from '../../src/engine/session';
import { TOY_CONFIG } from '../../src/tasks/toy2d/defaults';
import { useNodeBackend } from '../text/node-tf';

await useNodeBackend('cpu');
const started = Date.now();
const session = await Session.create(TOY_CONFIG);
const views = await session.viewLogits();
if (!views) throw new Error('no view logits');
const k = TOY_CONFIG.task.classes;
const logits = views.teacher.test;
const n = logits.length / k;
// A point the teacher is sure of at T = 1 whose runner-up class stands clearly above the third
// at T = 4: the "dark knowledge" the card talks about.
const rows = Array.from({ length: n }, (_, i) => {
  const p1 = [...softmaxRow(logits, i * k, k, 1)];
  const p4 = [...softmaxRow(logits, i * k, k, 4)];
  const s4 = [...p4].sort((a, b) => b - a);
  const host = session.data.host!;
  const testX = host.testX!;
  const at = [testX[2 * i]!, testX[2 * i + 1]!].map((v) => v.toFixed(2)).join(', ');
  return {
    i,
    at,
    label: host.testY[i],
    p1,
    p4,
    top1: Math.max(...p1),
    gap: s4[1]! - s4[2]!,
    z: [...logits.slice(i * k, i * k + k)],
  };
})
  .filter((r) => r.top1 >= 0.9 && r.top1 <= 0.985)
  .sort((a, b) => b.gap - a.gap)
  .slice(0, 8);
console.log(`teacher trained in ${Date.now() - started} ms; accuracy ${session.teacherMetrics[0]}`);
for (const r of rows)
  console.log(
    `#${r.i} (${r.at}) class ${r.label} z=[${r.z.map((v) => v.toFixed(3)).join(', ')}] T=1 ${r.p1.map((p) => (p * 100).toFixed(1)).join('/')} T=4 ${r.p4
      .map((p) => (p * 100).toFixed(1))
      .join('/')}`,
  );
session.dispose();
