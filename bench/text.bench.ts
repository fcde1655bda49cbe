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
