/**
 * Where a text KD step's time goes, kernel by kernel: the bench's session (16 windows × 64
 * characters, shipped 4×96 teacher, 2×48 student) in Node, one `tf.profile` of the whole step
 * and one of the teacher's forward pass, totals per kernel name. Kernels are timed in this
 * process's CPU time (the backend's timer is replaced for the profile), so other jobs on the
 * machine inflate them less; what the step takes beyond its kernels is tfjs's bookkeeping.
 *
 *   npx tsx scripts/text/profile-step.ts [fast|reference] [wasm|cpu]
 *
 * Environment: BATCH (16), CONTEXT (64), STEPS (5) timed without the profiler after warm-up; TOP (25) rows;
 * DUMP=file.json also writes the step's kernel list (name, input shapes, ms). Times are wall and
 * this process's CPU time (which includes the GC's and compiler's helper threads): on a machine
 * shared with other jobs the CPU time is the steadier of the two.
 */
import { writeFileSync } from 'node:fs';
import { textBenchConfig } from '../../bench/text.bench';
import { Session } from '../../src/engine/session';
import { setTransformerForms, type TransformerForms } from '../../src/engine/models/transformer';
import { fsAssets } from '../../src/test/assets';
import { type NodeBackend, tf, useNodeBackend } from './node-tf';

const forms = (process.argv[2] ?? 'fast') as TransformerForms;
const backend = (process.argv[3] ?? 'wasm') as NodeBackend;
const BATCH = Number(process.env.BATCH ?? 16);
const CONTEXT = Number(process.env.CONTEXT ?? 64);
const STEPS = Number(process.env.STEPS ?? 5);

interface Row {
  count: number;
  ms: number;
}

/** Kernel totals by name, largest first, as printable lines; and the sum. */
async function summarise(
  info: Awaited<ReturnType<typeof tf.profile>>,
  top = Number(process.env.TOP ?? 25),
): Promise<string> {
  const byName = new Map<string, Row>();
  const byShape = new Map<string, Row>();
  let total = 0;
  // Ops with a custom gradient and fused ops are recorded too, around the kernels they run:
  // only registered kernels count, so nothing is counted twice.
  const kernels = info.kernels.filter((k) => tf.getKernel(k.name, tf.getBackend()) !== undefined);
  for (const k of kernels) {
    const ms = typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : ((await k.kernelTimeMs) as number);
    total += ms;
    for (const [map, key] of [
      [byName, k.name],
      [byShape, `${k.name} ${JSON.stringify(k.inputShapes)}`],
    ] as const) {
      const r = map.get(key) ?? { count: 0, ms: 0 };
      r.count++;
      r.ms += ms;
      map.set(key, r);
    }
  }
  const lines = (map: Map<string, Row>) =>
    [...map.entries()]
      .sort((a, b) => b[1].ms - a[1].ms)
      .slice(0, top)
      .map(
        ([k, r]) =>
          `  ${r.ms.toFixed(2).padStart(8)} ms ${((100 * r.ms) / total).toFixed(1).padStart(5)}% ×${r.count} ${k}`,
      )
      .join('\n');
  return `${kernels.length} kernels, ${total.toFixed(1)} ms in kernels (CPU)\nby kernel:\n${lines(byName)}\nby kernel and input shapes:\n${lines(byShape)}`;
}

async function main(): Promise<void> {
  await useNodeBackend(backend);
  setTransformerForms(forms);
  const s = await Session.create(textBenchConfig(BATCH, CONTEXT), { assets: fsAssets });
  const windows = tf.tidy(() => tf.randomUniformInt([BATCH, CONTEXT], 0, s.data.classes, 1));
  const step = async () => {
    if (s.needsPrepare) await s.prepareStep();
    s.trainStep();
    await s.flush();
  };
  for (let i = 0; i < 3; i++) await step();
  const forward = async () => {
    const out = tf.tidy(() => tf.sum(s.teacher.model.forward(windows).logits));
    await out.data();
    out.dispose();
  };
  // This process's CPU time: it includes the GC's and compiler's helper threads, but unlike the
  // thread's own (/proc/thread-self/schedstat, updated at scheduler ticks) it has µs resolution.
  const cpuMs = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
  const timed = async (f: () => Promise<void>) => {
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < STEPS; i++) {
      const [t0, c0] = [performance.now(), cpuMs()];
      await f();
      wall.push(performance.now() - t0);
      cpu.push(cpuMs() - c0);
    }
    return `${median(wall).toFixed(1)} ms wall, ${median(cpu).toFixed(1)} ms cpu`;
  };
  console.log(
    `${backend}, ${forms} forms, ${BATCH}×${CONTEXT}: KD step ${await timed(step)}; teacher forward ${await timed(forward)}`,
  );
  const backendTimer = tf.backend() as unknown as { time(f: () => void): Promise<{ kernelMs: number }> };
  backendTimer.time = (f) => {
    const c0 = cpuMs();
    f();
    return Promise.resolve({ kernelMs: cpuMs() - c0 });
  };
  const stepInfo = await tf.profile(() => s.trainStep());
  if (process.env.DUMP) {
    const rows = [];
    for (const k of stepInfo.kernels) rows.push({ name: k.name, shapes: k.inputShapes, ms: await k.kernelTimeMs });
    writeFileSync(process.env.DUMP, JSON.stringify(rows));
  }
  await s.flush();
  console.log(`\nKD step: ${await summarise(stepInfo)}`);
  const fwdInfo = await tf.profile(() => tf.tidy(() => tf.sum(s.teacher.model.forward(windows).logits)));
  console.log(`\nteacher forward: ${await summarise(fwdInfo, 12)}`);
  tf.dispose(fwdInfo.result as tf.Tensor);
  windows.dispose();
  s.dispose();
}

await main();
