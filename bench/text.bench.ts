/**
 * The language task in tokens per second: the shipped teacher's forward pass alone, and the
 * studio's whole KD step (teacher pass, student forward and backward, Adam) on the default
 * small-transformer student. Units are tokens: batch × context per forward or step.
 */
import * as tf from '@tensorflow/tfjs';
import { laneFor } from '../src/config/defaults';
import { TEXT_CONFIG, type TextExperiment } from '../src/tasks/text/defaults';
import type { Assets } from '../src/engine/assets';
import { Session } from '../src/engine/session';
import { setTransformerForms, type TransformerForms } from '../src/engine/models/transformer';
import type { BenchCase } from './harness';
import { isSequenceModel } from '../src/engine/models/sequence';
import { setDecodingBefore } from '../src/engine/models/transformer-decode';
import type { Slicer } from '../src/engine/models/generate';
import { textSamples } from '../src/tasks/text/engine/queries';
import { createVocab } from '../src/tasks/text/vocab';
import { DEFAULT_POOL, type PoolOutputs } from '../src/tasks/text/pool';
import { fillPool, poolBatch, type FilledPool } from '../src/tasks/text/engine/pool-build';
import { denseTargets } from '../src/tasks/text/engine/pool-store';

/** The default text experiment at a batch the software backends finish a round of. */
export const textBenchConfig = (batchSize: number, context: number): TextExperiment => ({
  ...TEXT_CONFIG,
  task: { ...TEXT_CONFIG.task, context, evalWindows: 8, sampleEvery: 1_000_000 },
  train: { ...TEXT_CONFIG.train, batchSize, evalEvery: 1_000_000, steps: 1_000_000 },
});

/** One session (teacher and student loaded once) shared by both text cases of a backend. */
export const textSession = (cfg: TextExperiment, assets: Assets) => Session.create(cfg, { assets });

/**
 * Runs `run` in the given transformer formulation (null: the backend's own), so that the
 * reference forms (the model before issue 15) and the fast ones time side by side in one session.
 */
const inForms = (forms: TransformerForms | null, c: BenchCase): BenchCase => ({
  async run() {
    setTransformerForms(forms);
    try {
      return await c.run();
    } finally {
      setTransformerForms(null);
    }
  },
  dispose: () => c.dispose(),
});

/** The frozen teacher on random windows of the corpus vocabulary, read back once per run. */
export function teacherForwardCase(
  s: Session,
  batch: number,
  context: number,
  tick: number,
  forms: TransformerForms | null = null,
): BenchCase {
  const vocab = s.data.classes;
  const windows = tf.tidy(() => tf.randomUniformInt([batch, context], 0, vocab, 1));
  return inForms(forms, {
    async run() {
      const sums: tf.Tensor[] = [];
      for (let i = 0; i < tick; i++) sums.push(tf.tidy(() => tf.sum(s.teacher.model.forward(windows).logits)));
      const all = tf.stack(sums);
      await all.data();
      tf.dispose([...sums, all]);
      return tick * batch * context;
    },
    dispose: () => windows.dispose(),
  });
}

/** The studio's text KD step, as the worker runs it (windows prepared, then a step; read back per tick). */
export function kdStepCase(
  s: Session,
  batch: number,
  context: number,
  tick: number,
  forms: TransformerForms | null = null,
): BenchCase {
  return inForms(forms, {
    async run() {
      for (let i = 0; i < tick; i++) {
        if (s.needsPrepare) await s.prepareStep();
        s.trainStep();
      }
      await s.flush();
      return tick * batch * context;
    },
    dispose: () => undefined,
  });
}

/** Kernels one KD step launches (tf.profile's record: one entry per kernel run). */
export async function kernelsPerStep(s: Session, forms: TransformerForms | null): Promise<number> {
  setTransformerForms(forms);
  try {
    if (s.needsPrepare) await s.prepareStep();
    const info = await tf.profile(() => s.trainStep());
    await s.flush();
    return info.kernels.length;
  } finally {
    setTransformerForms(null);
  }
}

/**
 * A KD step's kernels by total time, largest first, averaged over `steps` profiled steps (for
 * `npm run bench -- wasm text-profile`): where the time goes in the browser, per formulation,
 * next to an unprofiled step's time (what the kernels do not account for is tfjs's own work
 * between them). Only registered kernels count: ops with custom gradients are recorded around
 * the kernels they run.
 */
export async function profileStep(s: Session, forms: TransformerForms | null, steps = 3, top = 16): Promise<string[]> {
  setTransformerForms(forms);
  try {
    const plain: number[] = [];
    for (let i = 0; i < steps; i++) {
      if (s.needsPrepare) await s.prepareStep();
      const t0 = performance.now();
      s.trainStep();
      await s.flush();
      plain.push(performance.now() - t0);
    }
    const byName = new Map<string, { count: number; ms: number }>();
    for (let i = 0; i < steps; i++) {
      if (s.needsPrepare) await s.prepareStep();
      const info = await tf.profile(() => s.trainStep());
      await s.flush();
      for (const k of info.kernels) {
        if (!tf.getKernel(k.name, tf.getBackend())) continue;
        const r = byName.get(k.name) ?? { count: 0, ms: 0 };
        r.count++;
        const ms = await k.kernelTimeMs;
        r.ms += typeof ms === 'number' ? ms : 0;
        byName.set(k.name, r);
      }
    }
    const rows = [...byName.entries()].sort((a, b) => b[1].ms - a[1].ms);
    const total = rows.reduce((t, [, r]) => t + r.ms, 0) / steps;
    const kernels = rows.reduce((n, [, r]) => n + r.count, 0) / steps;
    const median = [...plain].sort((a, b) => a - b)[Math.floor(steps / 2)]!;
    return [
      `${forms ?? 'own'} forms: a step takes ${median.toFixed(1)} ms unprofiled; ${kernels} kernels, ${total.toFixed(1)} ms in kernels (mean of ${steps} profiled steps)`,
      ...rows.slice(0, top).map(([n, r]) => `  ${(r.ms / steps).toFixed(1).padStart(7)} ms ×${r.count / steps} ${n}`),
    ];
  } finally {
    setTransformerForms(null);
  }
}

/** The text config with `n` forward-KL lanes. */
const withLanes = (cfg: TextExperiment, n: number): TextExperiment => ({
  ...cfg,
  lanes: Array.from({ length: n }, () => cfg.lanes[0] ?? laneFor('hinton')),
});

/**
 * A race of `n` students on the language task: one teacher pass per step for all lanes (the
 * text teacher is never cached), against `n` single-student sessions that each run it.
 * Units are lane-steps.
 */
export async function textRaceCases(
  cfg: TextExperiment,
  n: number,
  assets: Assets,
): Promise<{ race: BenchCase; separate: BenchCase }> {
  const race = await Session.create(withLanes(cfg, n), { assets });
  const separate = await Promise.all(Array.from({ length: n }, () => Session.create(withLanes(cfg, 1), { assets })));
  return {
    race: {
      async run() {
        race.trainStep();
        await race.flush();
        return n;
      },
      dispose: () => race.dispose(),
    },
    separate: {
      async run() {
        for (const s of separate) s.trainStep();
        await Promise.all(separate.map((s) => s.flush()));
        return n;
      },
      dispose: () => separate.forEach((s) => s.dispose()),
    },
  };
}

/** Characters per model the Samples view asks for (Samples.tsx: SAMPLE_LENGTH; not imported, it is UI). */
const SAMPLE_LENGTH = 160;

/** The default experiment (batch 32 × 64) with every step's windows generated: by the teacher, or by the student on λ of them. */
export const generatedConfig = (mode: 'sequence-kd' | 'on-policy'): TextExperiment => {
  const cfg = textBenchConfig(TEXT_CONFIG.train.batchSize, TEXT_CONFIG.task.context);
  return {
    ...cfg,
    task: { ...cfg.task, ...(mode === 'sequence-kd' ? { sequenceKd: true } : { onPolicy: 0.5 }) },
  };
};

/**
 * Hides the key/value cache from a session's generators: each sequence view becomes a bare
 * forward pass (what generate.ts did before the cache), for the side-by-side baseline.
 */
export function withoutCache(s: Session): Session {
  const models = [s.teacher.model, ...s.lanes.map((l) => l.student)];
  for (const m of models) {
    if (!isSequenceModel(m)) continue;
    const seq = m.sequence;
    m.sequence = { config: seq.config, forward: (t) => seq.forward(t) };
  }
  return s;
}

/**
 * Steps of a session whose steps generate their windows, one read-back per `tick` steps;
 * `before`: with the decoding before the host decoder (the tensor decoder, the teacher's pass
 * over windows it wrote), for the side-by-side.
 */
export const generatedStepCase = (s: Session, tick: number, before = false): BenchCase => ({
  async run() {
    setDecodingBefore(before);
    try {
      for (let i = 0; i < tick; i++) {
        if (s.needsPrepare) await s.prepareStep();
        s.trainStep();
      }
      await s.flush();
    } finally {
      setDecodingBefore(false);
    }
    return tick;
  },
  dispose: () => s.dispose(),
});

/**
 * The samples view's question (160 characters from the teacher and the student), timed slice
 * by slice: training waits only while a slice runs. Returns the whole time and the longest slice.
 */
export async function samplesPauses(
  s: Session,
  sliced: boolean,
): Promise<{ totalMs: number; longestMs: number; slices: number }> {
  let longest = 0;
  let slices = 0;
  const timed: Slicer = async (work) => {
    const t0 = performance.now();
    const out = await work();
    longest = Math.max(longest, performance.now() - t0);
    slices++;
    return out;
  };
  const prompt = createVocab(s.data.host.text!.vocab).encode(TEXT_CONFIG.task.prompt);
  const t0 = performance.now();
  // The old query: everything in one stretch of the worker's queue.
  if (sliced) await textSamples(s, prompt, SAMPLE_LENGTH, timed);
  else await timed(() => textSamples(s, prompt, SAMPLE_LENGTH));
  return { totalMs: performance.now() - t0, longestMs: longest, slices };
}

/** The bench's text experiment with a teacher-output pool (512 windows, the default) storing `outputs` (top-k: k = 8). */
export const poolBenchConfig = (batch: number, context: number, outputs: PoolOutputs): TextExperiment => {
  const cfg = textBenchConfig(batch, context);
  return { ...cfg, task: { ...cfg.task, pool: { ...DEFAULT_POOL, outputs } } };
};

/** A session with a pool, and how long filling the pool took (Session.create less a session without one). */
export async function pooledSession(cfg: TextExperiment, assets: Assets): Promise<{ s: Session; ms: number }> {
  const t0 = performance.now();
  const s = await Session.create(cfg, { assets });
  return { s, ms: performance.now() - t0 };
}

/** The same pool as a pooled session's, filled again on its own, for timing its targets alone. */
export function refill(s: Session, outputs: PoolOutputs): Promise<FilledPool> {
  const text = s.data.host.text!;
  const task = s.config.task as { context: number; evalWindows: number };
  return fillPool({
    corpus: text,
    context: task.context,
    vocab: s.data.classes,
    pool: { ...DEFAULT_POOL, outputs },
    seed: s.config.seed,
    teacher: s.teacher.model,
    probeWindows: task.evalWindows,
  });
}

/**
 * What a pool step does instead of the teacher's forward pass: the batch's targets rebuilt from
 * the stored outputs on the host and uploaded, read back once per run so the upload completes.
 */
export function poolTargetsCase(pool: FilledPool, batch: number, tick: number, seed: number): BenchCase {
  let step = 0;
  const { vocab: V, context: T } = pool.store;
  return {
    async run() {
      const sums: tf.Tensor[] = [];
      for (let i = 0; i < tick; i++) {
        const dense = denseTargets(pool.store, poolBatch(pool.starts.length, batch, seed, step++));
        sums.push(tf.tidy(() => tf.sum(tf.tensor2d(dense, [batch * T, V]))));
      }
      const all = tf.stack(sums);
      await all.data();
      tf.dispose([...sums, all]);
      return tick * batch * T;
    },
    dispose: () => undefined,
  };
}
