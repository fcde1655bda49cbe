/**
 * Timing one backend for Auto (backend.ts): a few real KD steps of the experiment's student,
 * within a budget. The whole trial may take TRIAL_BUDGET_MS; each backend gets one warm-up
 * step (shader compilation, first allocations) and then timed steps until PER_BACKEND_MS or
 * MAX_TIMED_STEPS, whichever comes first. Measured before this budget: the default language
 * experiment spent 30.7 s choosing (three warm-up steps and up to a second of steps on each
 * backend, the cpu backend's text step alone taking seconds).
 */
import * as tf from '@tensorflow/tfjs';
import { SEQUENCE_STUDENTS, type BackendName } from '../config/schema';
import { createRng } from '../lib/rng';
import { getObjective } from '../objectives';
import type { Workload } from './backend';
import { buildModel, type BuildableSpec } from './models/build';
import { disposeOptimizer } from './optim';

/** The whole trial, every backend together. */
export const TRIAL_BUDGET_MS = 3000;
/** Timed steps per backend, after its warm-up step. */
export const PER_BACKEND_MS = 300;
export const MAX_TIMED_STEPS = 5;
/** A backend whose first step (projected to the full batch) is this much slower than the best cannot win. */
export const HOPELESS = 3;
/**
 * How much slower than the best a linear backend's warm-up step is assumed to be, to decide
 * whether it can still start: its step cannot be interrupted once started. The cpu backend's
 * warm-up on the default text step, projected to the batch, took 43× wasm's step in the browser
 * here (17.2 s against 0.40 s, 2026-12-01, load 7.9).
 */
export const SLOW_GUESS = 50;

/**
 * Backends whose step time grows with the batch and has nothing to compile: their warm-up step
 * runs on a small slice of the batch (the cpu backend's full text step takes seconds, and a
 * synchronous step cannot be interrupted), and their timed steps on as much of it as fits the
 * per-backend budget, scaled to the full batch. GPU backends are timed on the full batch: their
 * shaders are compiled per shape, and their time is not proportional to it.
 */
export const LINEAR: readonly BackendName[] = ['wasm', 'cpu'];

/** The user cancelled the trial (or chose a backend by hand): nothing is chosen. */
export class TrialCancelled extends Error {
  constructor() {
    super('The backend trial was cancelled');
    this.name = 'TrialCancelled';
  }
}

export interface TrialLimits {
  /** performance.now() by which the whole trial ends. */
  deadline: number;
  /** The best full-batch ms per step so far, if any. */
  beat?: number;
  cancelled?: () => boolean;
}

export type Timing =
  /** `steps` 0: only the warm-up step ran, so far slower than the best that timing more was pointless. */
  | { ms: number; timedBatch: number; steps: number }
  /** No step finished within the trial's time. */
  | { lost: string };

const sleep = (ms: number) => new Promise<'late'>((r) => setTimeout(() => r('late'), Math.max(0, ms)));

/** The lower median: with two samples, the faster (the slower one is usually a late allocation). */
export function lowerMedian(times: number[]): number {
  const s = [...times].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
}

/**
 * The next batch a linear backend tries, after a step of `n` examples took `ms`: as many as fit
 * a third of PER_BACKEND_MS, at most the full `batch`; `n` itself when no more fit.
 */
export function grownBatch(n: number, ms: number, batch: number): number {
  const fits = Math.floor((n * PER_BACKEND_MS) / 3 / Math.max(ms, 1e-3));
  return Math.max(n, Math.min(batch, fits));
}

/**
 * Times the workload's step on the active backend `name`, at most `batch` examples (the
 * trial's batch, trialBatch). Returns ms per step of `batch` examples.
 */
export async function timeBackend(w: Workload, name: BackendName, batch: number, limits: TrialLimits): Promise<Timing> {
  const linear = LINEAR.includes(name);
  // cpu's slice is smaller: it is nearly always given up on after it (50× slower than wasm here),
  // and its step cannot be interrupted. wasm's is not: one example is too noisy to extrapolate from.
  const probe = linear ? Math.max(1, Math.ceil(batch / (name === 'cpu' ? 32 : 16))) : batch;
  const step = await stepper(w, batch);
  const check = () => {
    if (limits.cancelled?.()) throw new TrialCancelled();
  };
  try {
    check();
    if (linear && limits.beat !== undefined) {
      const guess = ((limits.beat * probe) / batch) * SLOW_GUESS;
      if (performance.now() + guess > limits.deadline)
        return { lost: 'too little of the trial’s time was left for it' };
    }
    // The warm-up step, on a slice for a linear backend; a GPU backend's may be given up on at the deadline.
    const t0 = performance.now();
    const first = await step.run(probe, linear ? undefined : limits.deadline);
    if (first === 'late') return { lost: 'its first step did not finish within the trial’s time' };
    const firstMs = performance.now() - t0;
    const projected = (firstMs * batch) / probe;
    if (limits.beat !== undefined && projected > HOPELESS * limits.beat)
      return { ms: projected, timedBatch: probe, steps: 0 };
    // A linear backend: one step on the probe slice after the warm-up (whose time is mostly
    // first-call costs), then the timed steps on a slice at least 4× larger, sized to the budget.
    let small: { n: number; ms: number } | undefined;
    let timed = batch;
    if (probe < batch) {
      check();
      const s0 = performance.now();
      await step.run(probe);
      small = { n: probe, ms: performance.now() - s0 };
      timed = Math.min(batch, Math.max(4 * probe, grownBatch(probe, small.ms, batch)));
    }
    const times: number[] = [];
    const started = performance.now();
    while (times.length < MAX_TIMED_STEPS && (times.length === 0 || performance.now() - started < PER_BACKEND_MS)) {
      check();
      if (performance.now() > limits.deadline && times.length > 0) break;
      const s0 = performance.now();
      const r = await step.run(timed, linear ? undefined : limits.deadline);
      if (r === 'late') break;
      times.push(performance.now() - s0);
    }
    if (!times.length) return { ms: projected, timedBatch: probe, steps: 0 };
    const ms = lowerMedian(times);
    return { ms: small ? toFullBatch(small, { n: timed, ms }, batch) : ms, timedBatch: timed, steps: times.length };
  } finally {
    step.dispose();
  }
}

/**
 * A step's time on the full `batch`, from two smaller slices: a fixed cost (kernel dispatch,
 * Adam's updates) plus a cost per example. Scaling the larger slice's time in proportion would
 * count its fixed cost over again for every slice in the batch (the default text step on wasm
 * was timed at 1.5 s that way). Kept between the larger slice's time (nothing more per example)
 * and that proportional scaling.
 */
export function toFullBatch(a: { n: number; ms: number }, b: { n: number; ms: number }, batch: number): number {
  if (b.n >= batch) return b.ms;
  const perExample = Math.max(0, (b.ms - a.ms) / (b.n - a.n));
  const fitted = b.ms + perExample * (batch - b.n);
  return Math.min((b.ms * batch) / b.n, Math.max(b.ms, fitted));
}

/** One KD step of the workload's student on random inputs, for any batch up to `most`. */
async function stepper(w: Workload, most: number) {
  if (!w.makeStudent && w.student.kind === 'imported')
    throw new Error('an imported student needs its model loaded to be timed');
  const student = w.makeStudent
    ? await w.makeStudent()
    : buildModel(w.student as BuildableSpec, w.inputShape, w.classes, createRng(1, 'trial'), 'trial');
  const hinton = getObjective('hinton');
  const opt = tf.train.adam(1e-3);
  // Text students read token ids and predict every position: one row per token.
  const text = SEQUENCE_STUDENTS.includes(w.student.kind);
  const perExample = text ? w.inputShape[0]! : 1;
  const x = text
    ? tf.randomUniform([most, ...w.inputShape], 0, w.classes, 'int32', 1)
    : tf.randomNormal([most, ...w.inputShape], 0, 1, 'float32', 1);
  const t = tf.randomNormal([most * perExample, w.classes], 0, 1, 'float32', 2) as tf.Tensor2D;
  const y = tf.zeros([most * perExample], 'int32') as tf.Tensor1D;
  const slices = new Map<number, tf.Tensor[]>();
  const sliced = (n: number) => {
    if (n === most) return [x, t, y] as const;
    if (!slices.has(n)) slices.set(n, [x.slice(0, n), t.slice(0, n * perExample), y.slice(0, n * perExample)]);
    return slices.get(n)! as [tf.Tensor, tf.Tensor2D, tf.Tensor1D];
  };
  return {
    /** Runs a step of `n` examples; 'late' when `deadline` passed before its loss was read back. */
    async run(n: number, deadline?: number): Promise<'done' | 'late'> {
      const [xs, ts, ys] = sliced(n);
      const loss = opt.minimize(
        () =>
          hinton.loss(
            tf,
            // In training mode, as a step runs it (an imported student's Dropout, BatchNormalization).
            {
              studentLogits: student.forward(xs, true).logits,
              teacherLogits: ts as tf.Tensor2D,
              labels: ys as tf.Tensor1D,
              step: 0,
              totalSteps: 1,
            },
            { T: 4, alpha: 0.9, t2: 1 },
          ).total,
        true,
        student.variables,
      )!;
      const read = loss.data().then(() => 'done' as const);
      // A read given up on at the deadline may still fail later, with nobody waiting for it.
      read.catch(() => undefined);
      const r = deadline === undefined ? await read : await Promise.race([read, sleep(deadline - performance.now())]);
      // A read still pending keeps its data until it lands (tfjs disposes it then).
      loss.dispose();
      return r;
    },
    dispose() {
      slices.forEach((ts) => ts.forEach((v) => v.dispose()));
      [x, t, y].forEach((v) => v.dispose());
      student.dispose();
      disposeOptimizer(opt);
    },
  };
}
