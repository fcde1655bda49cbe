/**
 * Where a generated-window step's time goes (sequence-level KD, or on-policy): the bench's
 * session (32 windows × 64 characters, shipped 4×96 teacher, 2×48 student) in Node, the
 * generation (`prepareStep`) and the training step timed apart; the teacher decoding one
 * window with the tensor decoder (the GPU backends') and the host one (cpu, wasm), alternating;
 * then one `tf.profile` of each decoder's work for one new character, totals per kernel. Kernels are timed in this
 * process's CPU time, as in profile-step.ts.
 *
 *   npx tsx scripts/text/profile-generation.ts [sequence-kd|on-policy] [wasm|cpu]
 *
 * Environment: STEPS (3) timed after one warm-up step.
 */
import { generatedConfig } from '../../bench/text.bench';
import { Session } from '../../src/engine/session';
import { isSequenceModel } from '../../src/engine/models/sequence';
import { KvDecoder, isDecodable, type Decoder } from '../../src/engine/models/transformer-decode';
import { HostKvDecoder } from '../../src/engine/models/transformer-decode-host';
import { fsAssets } from '../../src/test/assets';
import { type NodeBackend, tf, useNodeBackend } from './node-tf';

const mode = (process.argv[2] ?? 'sequence-kd') as 'sequence-kd' | 'on-policy';
const backend = (process.argv[3] ?? 'wasm') as NodeBackend;
const STEPS = Number(process.env.STEPS ?? 3);

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function main(): Promise<void> {
  await useNodeBackend(backend);
  const s = await Session.create(generatedConfig(mode), { assets: fsAssets });
  const prepare: number[] = [];
  const train: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i <= STEPS; i++) {
    const [t0, c0] = [performance.now(), cpuMs()];
    if (s.needsPrepare) await s.prepareStep();
    const t1 = performance.now();
    s.trainStep();
    await s.flush();
    if (i === 0) continue;
    prepare.push(t1 - t0);
    train.push(performance.now() - t1);
    cpu.push(cpuMs() - c0);
  }
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  console.log(
    `${backend} ${mode}: generation ${mean(prepare).toFixed(0)} ms, train step ${mean(train).toFixed(0)} ms, ` +
      `${(1000 / (mean(prepare) + mean(train))).toFixed(2)} steps/s (${mean(cpu).toFixed(0)} ms cpu per step)`,
  );

  // One window's decoding (the prompt, then one character at a time to the full context) by
  // each decoder, alternating rounds; then one character of each under the profiler.
  const teacher = s.teacher.model;
  if (!isSequenceModel(teacher) || !isDecodable(teacher.sequence)) throw new Error('not a transformer teacher');
  const model = teacher.sequence;
  const rows = s.config.train.batchSize;
  const { vocab, context } = model.config;
  const ids = (n: number) => Int32Array.from({ length: rows * n }, (_, i) => (i * 7) % vocab);
  const make: Record<string, () => Decoder> = {
    tensor: () => new KvDecoder(model, rows),
    host: () => new HostKvDecoder(model, rows),
  };
  const window = async (decoder: Decoder) => {
    for (let pos = 16; pos <= context; pos++) {
      const out = decoder.feed(ids(pos - decoder.cached));
      await out.data();
      out.dispose();
    }
  };
  const times: Record<string, { wall: number[]; cpu: number[] }> = {
    tensor: { wall: [], cpu: [] },
    host: { wall: [], cpu: [] },
  };
  for (const kind of ['tensor', 'host', 'host', 'tensor', 'tensor', 'host']) {
    const decoder = make[kind]!();
    const [t0, c0] = [performance.now(), cpuMs()];
    await window(decoder);
    times[kind]!.wall.push(performance.now() - t0);
    times[kind]!.cpu.push(cpuMs() - c0);
    decoder.dispose();
  }
  for (const [kind, t] of Object.entries(times))
    console.log(
      `${kind} decoder: one window of ${rows} rows (${context - 15} feeds) ${Math.min(...t.wall).toFixed(0)} ms wall, ${Math.min(...t.cpu).toFixed(0)} ms cpu (best of ${t.wall.length})`,
    );
  const backendTimer = tf.backend() as unknown as { time(f: () => void): Promise<{ kernelMs: number }> };
  backendTimer.time = (f) => {
    const c0 = cpuMs();
    f();
    return Promise.resolve({ kernelMs: cpuMs() - c0 });
  };
  for (const kind of ['tensor', 'host']) {
    const decoder = make[kind]!();
    tf.dispose(decoder.feed(ids(16)));
    for (let i = 0; i < 30; i++) tf.dispose(decoder.feed(ids(1)));
    const info = await tf.profile(() => decoder.feed(ids(1)));
    const kernels = info.kernels.filter((k) => tf.getKernel(k.name, tf.getBackend()) !== undefined);
    const byName = new Map<string, { count: number; ms: number }>();
    let total = 0;
    for (const k of kernels) {
      const ms = (await k.kernelTimeMs) as number;
      total += ms;
      const key = `${k.name} ${JSON.stringify(k.inputShapes)}`;
      const r = byName.get(key) ?? { count: 0, ms: 0 };
      r.count++;
      r.ms += ms;
      byName.set(key, r);
    }
    console.log(
      `\n${kind} decoder, one character at position 47 (${rows} rows): ${kernels.length} kernels, ${total.toFixed(2)} ms in kernels (cpu)`,
    );
    for (const [k, r] of [...byName.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 12))
      console.log(`  ${r.ms.toFixed(2).padStart(7)} ms ×${r.count} ${k}`);
    tf.dispose(info.result as tf.Tensor);
    decoder.dispose();
  }
  s.dispose();
}

await main();
