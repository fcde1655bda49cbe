/**
 * Kernels and WebGPU dispatches per KD step (issue 15, items 5 and 7): counts, not times, so
 * they are the same on any machine, and on this one (no GPU) the measurable proxy for what a
 * step costs a real GPU in JavaScript per dispatch.
 *
 * - kernels: tf.profile's record of one `trainStep()`, one entry per kernel tfjs runs
 *   (including the free ones: Reshape, Identity copies the tape keeps, custom-op wrappers; each
 *   still costs tfjs's bookkeeping);
 * - dispatches: compute passes the webgpu backend encodes in that step, counted at its one
 *   call site (`recordAndSubmit`, which every program goes through to `dispatchWorkgroups`).
 *   Kernels that are views (Reshape), that the backend runs on the CPU (tiny tensors) or that
 *   only copy a buffer are not dispatches.
 */
import * as tf from '@tensorflow/tfjs';
import type { Session } from '../src/engine/session';
import { setStepForms, type StepForms } from '../src/engine/step-forms';

/** The webgpu backend's dispatch hook (tfjs-backend-webgpu 4.22, backend_webgpu.js). */
interface WebGpuBackend {
  recordAndSubmit(...args: unknown[]): void;
}

/** Dispatches `f` encodes on the webgpu backend (null on any other backend). */
export function countDispatches(f: () => void): number | null {
  if (tf.getBackend() !== 'webgpu') {
    f();
    return null;
  }
  const backend = tf.backend() as unknown as WebGpuBackend;
  const own = Object.prototype.hasOwnProperty.call(backend, 'recordAndSubmit');
  const original = backend.recordAndSubmit;
  let n = 0;
  backend.recordAndSubmit = function (this: WebGpuBackend, ...args: unknown[]) {
    n++;
    return original.apply(this, args);
  };
  try {
    f();
  } finally {
    if (own) backend.recordAndSubmit = original;
    else delete (backend as Partial<WebGpuBackend>).recordAndSubmit;
  }
  return n;
}

export interface StepCounts {
  kernels: number;
  dispatches: number | null;
}

/**
 * One step's kernels and (on webgpu) dispatches in the given step forms, after a step to warm
 * up (the optimiser's slots are made on the first). Windows a text step generates are prepared
 * first and not counted (they are sampling, not the step).
 */
export async function stepCounts(s: Session, forms: StepForms): Promise<StepCounts> {
  setStepForms(forms);
  try {
    const step = async (count: (f: () => void) => Promise<number | null> | number | null) => {
      if (s.needsPrepare) await s.prepareStep();
      const n = await count(() => s.trainStep());
      await s.flush();
      return n;
    };
    await step(() => null);
    const kernels = (await step(async (f) => (await tf.profile(f)).kernels.length))!;
    const dispatches = await step(countDispatches);
    return { kernels, dispatches };
  } finally {
    setStepForms('lean');
  }
}

/** Swaps every lane's optimiser for tfjs's own Adam (the step before the flat Adam). */
export function withTfjsAdam(s: Session): Session {
  for (const lane of s.lanes) {
    lane.optimizer.dispose();
    lane.optimizer = tf.train.adam(s.config.train.lr);
  }
  return s;
}

/** A session to count on, and what it is called in the table. */
export interface CountCase {
  task: string;
  make: () => Promise<Session>;
}

/**
 * The table's rows for one backend: each task's step in the reference forms (the step before
 * issue 15's item 5) and the lean ones, and for the toy task also with tfjs's own Adam (before
 * the flat Adam), each counted in a fresh session.
 */
export async function countRows(label: string, cases: CountCase[]): Promise<(string | number)[][]> {
  const rows: (string | number)[][] = [];
  for (const c of cases) {
    const variants: [string, StepForms, boolean][] = [
      ...(c.task.startsWith('toy')
        ? ([['reference, tfjs Adam', 'reference', true]] as [string, StepForms, boolean][])
        : []),
      ['reference', 'reference', false],
      ['lean', 'lean', false],
    ];
    const counted: StepCounts[] = [];
    for (const [, forms, tfjsAdam] of variants) {
      const s = await c.make();
      try {
        counted.push(await stepCounts(tfjsAdam ? withTfjsAdam(s) : s, forms));
      } finally {
        s.dispose();
      }
    }
    variants.forEach(([name], i) =>
      rows.push([label, c.task, name, counted[i]!.kernels, counted[i]!.dispatches ?? '—']),
    );
  }
  return rows;
}
