/**
 * Backend choice: the one place that knows backend names. The rest of the engine runs on
 * whatever tfjs backend is active.
 *
 * "Auto" times a few real distillation steps of the current student on every usable backend
 * (backend-trial.ts: at most 3 s in all) and keeps the fastest; the worker remembers the
 * choice for the model and device (worker/backend-memory.ts). It never considers a software
 * GPU (a fallback WebGPU adapter, a SwiftShader WebGL): SwiftShader WebGPU is about 10× slower
 * than the CPU backends, so picking it just because it exists would be the worst choice
 * (measured: ../README.md#performance).
 */
import * as tf from '@tensorflow/tfjs';
import { studentStepBytes, studentStepMacs } from '../config/estimate';
import { SEQUENCE_STUDENTS, type BackendChoice, type BackendName, type StudentSpec } from '../config/schema';
import { describe, probeWebGpu, teacherProblem, trialFailure } from './backend-probe';
import { TRIAL_BUDGET_MS, TrialCancelled, timeBackend } from './backend-trial';
import type { Model } from './models/types';
import { setWasmThreads, wasmThreadCount, wasmThreadsAvailable } from './wasm-threads';

export const BACKEND_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

/** What a backend trial times: one KD step of this student on a batch of this shape. */
export interface Workload {
  inputShape: number[];
  classes: number;
  student: StudentSpec;
  batchSize: number;
  /** Builds the student for a trial when it is not built from its spec (an imported model). */
  makeStudent?: () => Promise<Model>;
  /**
   * Gather embedding lookups cannot train on wasm (no UnsortedSegmentSum). The studio's own
   * sequence students embed by a one-hot product instead and leave this unset (workload.ts).
   */
  hasEmbedding?: boolean;
  /**
   * The imported student's files are not in the worker (yet), so no trial can time it. A
   * plain field, unlike `makeStudent`, so it is part of the workload's JSON: the worker keys
   * its backend choice on that JSON and chooses again once the files are back.
   */
  studentMissing?: boolean;
  /**
   * Loads the imported teacher, when the experiment has one: before timing, the trial runs it
   * once as the run will (`teacherProblem`), so that a backend lacking one of its kernels is
   * never chosen. An imported teacher is the one whose layers nobody here chose.
   */
  makeTeacher?: () => Promise<Model>;
  /** The imported teacher's hash: a plain field, so a new teacher changes the workload's JSON. */
  teacherKey?: string;
  /** The imported teacher's files are not in the worker (yet): nothing to check, choose again later. */
  teacherMissing?: boolean;
}

export interface BackendTrial {
  name: BackendName;
  /**
   * Median milliseconds per synthetic step, when timed: of the workload's batch, or scaled
   * from the smaller batch that was timed (`timedBatch`) when that batch is too large to try.
   */
  msPerStep?: number;
  timedBatch?: number;
  /** Why the backend was not considered. */
  skipped?: string;
  /** WASM with threads: how many. */
  threads?: number;
  /**
   * Given up on after its warm-up step (far slower than the best, or out of time): `msPerStep`
   * is that step's time, projected to the full batch.
   */
  firstOnly?: boolean;
}

export interface BackendInfo {
  name: BackendName;
  /** Human-readable device, e.g. "SwiftShader (software)", "Apple M2", "WASM + SIMD". */
  adapter: string;
  /** True on a software rasteriser or fallback adapter: timings there are not GPU timings. */
  software: boolean;
  choice: BackendChoice;
  /** One sentence on why this backend runs. */
  reason: string;
  trials: BackendTrial[];
  /** WASM with threads: how many. */
  threads?: number;
  /** Taken from an earlier trial on this device (backend-memory.ts), without timing anything. */
  remembered?: boolean;
  /** How long Auto's trial took, in ms. */
  trialMs?: number;
}

/** Why a backend cannot run this workload, or null when it can. */
export function unsupportedReason(name: BackendName, w: Workload): string | null {
  if (name === 'wasm' && w.student.kind === 'imported')
    return 'an imported model may use layers whose gradients WASM lacks (convolutions, embeddings), so WASM is not tried';
  if (name === 'wasm' && w.student.kind === 'cnn')
    return 'WASM has no convolution backprop (Conv2DBackpropFilter), so a CNN student cannot train there';
  if (name === 'wasm' && w.hasEmbedding)
    return 'WASM has no UnsortedSegmentSum, so embedding layers cannot train there';
  return null;
}

const isRegistered = (name: BackendName): boolean => tf.findBackendFactory(name) != null;

async function activate(name: BackendName): Promise<boolean> {
  try {
    return await tf.setBackend(name);
  } catch {
    return false;
  }
}

/**
 * The most one timed step may take: a giant batch (text windows by the thousand) would take
 * gigabytes and seconds to time, with nothing else able to run. The default text experiment's
 * step (214 MB, 0.4 billion multiply-adds) is timed as it is.
 */
const TRIAL_LIMIT = { bytes: 256 * 2 ** 20, macs: 0.5e9 };

/** The batch a trial times: the workload's, or the largest below it within TRIAL_LIMIT. */
export function trialBatch(w: Workload): number {
  const rows = SEQUENCE_STUDENTS.includes(w.student.kind) ? w.inputShape[0]! : 1;
  const bytes = studentStepBytes(w.student, w.inputShape, w.classes, rows, 1);
  const macs = studentStepMacs(w.student, w.inputShape, w.classes, rows, 1);
  const fits = Math.floor(Math.min(TRIAL_LIMIT.bytes / bytes, TRIAL_LIMIT.macs / macs));
  return Math.max(1, Math.min(w.batchSize, fits));
}

/** Why a backend whose GPU device was lost is not used again in this worker. */
const LOST = 'its GPU device was lost in this tab (reload the page to use it again)';

/** A backend to try: WASM twice where it may run with threads. */
export interface Candidate {
  name: BackendName;
  threads?: boolean;
}

/** What a trial is doing, for the page: timing candidate `index` (from 1) of `total`. */
export interface TrialProgress {
  name: BackendName;
  threads?: boolean;
  index: number;
  total: number;
  /** What is left of the trial's time (TRIAL_BUDGET_MS): the most it can still take. */
  leftMs: number;
}

export interface SelectOptions {
  /** Backends whose device was lost here; their tfjs backend is broken for the worker's life. */
  lost?: readonly BackendName[];
  /** Checked between steps: true ends the trial (TrialCancelled). */
  cancelled?: () => boolean;
  onProgress?: (p: TrialProgress) => void;
  /** Auto's choice remembered for this workload and device: taken without a trial when it can run. */
  remembered?: Candidate;
}

const label = (c: Candidate) => (c.threads ? `${c.name} + threads` : c.name);

async function activateCandidate(c: Candidate): Promise<boolean> {
  if (c.name === 'wasm') setWasmThreads(c.threads === true);
  return activate(c.name);
}

/**
 * Activates the chosen backend (or picks one), and says what runs and why. A hand-chosen
 * `wasm` runs without threads (the setting every recorded run used).
 */
export async function selectBackend(
  choice: BackendChoice,
  w: Workload,
  options: SelectOptions = {},
): Promise<BackendInfo> {
  const lost = options.lost ?? [];
  const gpu = isRegistered('webgpu') ? await probeWebGpu().catch(() => null) : null;

  if (choice !== 'auto') {
    const why = lost.includes(choice)
      ? LOST
      : !isRegistered(choice)
        ? `${choice} is not available in this environment`
        : choice === 'webgpu' && !gpu
          ? 'this browser offers no WebGPU adapter'
          : unsupportedReason(choice, w);
    const started = !why && (await activateCandidate({ name: choice }));
    // A chosen backend is not timed, but it must be able to run the teacher.
    const cannot = started ? await teacherProblem(w).catch((e: unknown) => trialFailure(e)) : null;
    if (started && !cannot) {
      const d = await describe(choice, gpu);
      return { name: choice, ...d, choice, reason: 'chosen by you', trials: [] };
    }
    const auto = await selectBackend('auto', w, { ...options, remembered: undefined });
    return {
      ...auto,
      choice,
      reason: `${choice} could not start (${why ?? cannot ?? 'initialisation failed'}); auto chose ${auto.name} instead`,
    };
  }

  const trials: BackendTrial[] = [];
  const candidates: Candidate[] = [];
  for (const name of BACKEND_ORDER) {
    const skipped = lost.includes(name)
      ? LOST
      : !isRegistered(name)
        ? 'not available here'
        : name === 'webgpu' && !gpu
          ? 'no WebGPU adapter'
          : name === 'webgpu' && gpu?.fallback
            ? `software fallback adapter (${gpu.description}); choose it by hand to use it`
            : unsupportedReason(name, w);
    if (skipped) trials.push({ name, skipped });
    else candidates.push({ name }, ...(name === 'wasm' && wasmThreadsAvailable() ? [{ name, threads: true }] : []));
  }

  const remembered = options.remembered;
  if (remembered && candidates.some((c) => c.name === remembered.name && !c.threads === !remembered.threads)) {
    if ((await activateCandidate(remembered)) && !(await teacherProblem(w).catch(() => 'failed'))) {
      const d = await describe(remembered.name, gpu);
      return {
        name: remembered.name,
        ...d,
        ...(remembered.threads && { threads: wasmThreadCount() }),
        choice,
        reason: 'remembered from an earlier trial on this device for this model and batch',
        trials: [],
        remembered: true,
      };
    }
  }

  const started = performance.now();
  const deadline = started + TRIAL_BUDGET_MS;
  const batch = trialBatch(w);
  const scale = w.batchSize / batch;
  let deferred = false;
  for (const [i, c] of candidates.entries()) {
    const entry: BackendTrial = { name: c.name };
    if (performance.now() > deadline && trials.some((t) => t.msPerStep !== undefined)) {
      trials.push({ ...entry, skipped: `the trial’s ${TRIAL_BUDGET_MS / 1000} s were up` });
      continue;
    }
    options.onProgress?.({
      ...c,
      index: i + 1,
      total: candidates.length,
      leftMs: Math.max(0, deadline - performance.now()),
    });
    if (!(await activateCandidate(c))) {
      trials.push({ ...entry, skipped: c.threads ? 'failed to initialise with threads' : 'failed to initialise' });
      continue;
    }
    if (c.threads) entry.threads = wasmThreadCount();
    if (c.name === 'webgl' && !deferred && (await describe('webgl', gpu)).software) {
      // SwiftShader: its shaders compile for seconds on the CPU, and wasm beat it on every shipped
      // task here (README: 1340 against 64 steps/s on the toy step, 5.6 against 1.35 on text).
      // Without wasm (a CNN or an imported student) it may beat cpu (text: 1.35 against 0.41), so
      // it is timed last, against cpu's time.
      if (candidates.some((o) => o.name === 'wasm')) {
        trials.push({
          ...entry,
          skipped: 'software rasteriser (no GPU), slower than wasm; choose it by hand to use it',
        });
        continue;
      }
      deferred = true;
      candidates.push(c);
      continue;
    }
    try {
      const cannot = await teacherProblem(w);
      if (cannot) {
        trials.push({ ...entry, skipped: cannot });
        continue;
      }
      const best = Math.min(...trials.map((t) => t.msPerStep ?? Infinity)) / scale;
      const r = await timeBackend(w, c.name, batch, {
        deadline,
        beat: Number.isFinite(best) ? best : undefined,
        cancelled: options.cancelled,
      });
      if ('lost' in r) trials.push({ ...entry, skipped: r.lost });
      else
        trials.push({
          ...entry,
          msPerStep: r.ms * scale,
          ...(r.timedBatch < w.batchSize && { timedBatch: r.timedBatch }),
          ...(r.steps === 0 && { firstOnly: true }),
        });
    } catch (e) {
      if (e instanceof TrialCancelled) throw e;
      trials.push({ ...entry, skipped: trialFailure(e) });
    }
  }
  const timed = trials.filter((t) => t.msPerStep !== undefined).sort((a, b) => a.msPerStep! - b.msPerStep!);
  const best: Candidate = timed[0] ? { name: timed[0].name, threads: timed[0].threads !== undefined } : { name: 'cpu' };
  await activateCandidate(best);
  const d = await describe(best.name, gpu);
  const reason = timed.length
    ? `fastest in a ${timed.length}-way trial (${timed.map((t) => `${label({ name: t.name, threads: t.threads !== undefined })} ${t.msPerStep!.toFixed(1)} ms`).join(', ')})`
    : 'the only backend that started';
  return {
    name: best.name,
    ...d,
    ...(best.threads && { threads: wasmThreadCount() }),
    choice,
    reason,
    trials,
    trialMs: performance.now() - started,
  };
}

/** Calls `onLost` if the active backend's GPU device is lost (WebGPU only). */
export function watchDeviceLoss(onLost: (message: string) => void): void {
  const device = (tf.backend() as unknown as { device?: GPUDevice }).device;
  device?.lost.then((info) => onLost(info.message || `reason: ${info.reason}`)).catch(() => undefined);
}
