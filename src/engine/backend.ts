/**
 * Backend choice: the one place that knows backend names. The rest of the engine runs on
 * whatever tfjs backend is active.
 *
 * "Auto" times a short synthetic distillation step of the current model sizes on every usable
 * backend and keeps the fastest. It never considers a fallback (software) WebGPU adapter:
 * SwiftShader WebGPU is about 10× slower than the CPU backends, so picking it just because it
 * exists would be the worst choice (measured: ../README.md#performance).
 */
import * as tf from '@tensorflow/tfjs';
import { studentStepBytes, studentStepMacs } from '../config/estimate';
import { SEQUENCE_STUDENTS, type BackendChoice, type BackendName, type StudentSpec } from '../config/schema';
import { createRng } from '../lib/rng';
import { getObjective } from '../objectives';
import { gradTimesInput } from './evaluation';
import { missingKernel } from './missing-kernel';
import { buildModel, type BuildableSpec } from './models/build';
import type { Model } from './models/types';
import { disposeOptimizer } from './optim';

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
}

interface GpuAdapterSummary {
  description: string;
  fallback: boolean;
}

/** Looks at the WebGPU adapter the browser would hand tfjs, without creating a device. */
async function probeWebGpu(): Promise<GpuAdapterSummary | null> {
  const gpu = (globalThis.navigator as Navigator | undefined)?.gpu;
  if (!gpu) return null;
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) return null;
  const info = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean };
  const legacy = adapter as GPUAdapter & { isFallbackAdapter?: boolean };
  const fallback =
    Boolean(info.isFallbackAdapter ?? legacy.isFallbackAdapter) ||
    /swiftshader/i.test(info.architecture + info.description);
  const description = [info.vendor, info.architecture, info.description].filter(Boolean).join(' ') || 'unknown adapter';
  return { description, fallback };
}

function webglRenderer(): string {
  try {
    const backend = tf.backend() as unknown as { gpgpu?: { gl: WebGL2RenderingContext } };
    const gl = backend.gpgpu?.gl;
    if (!gl) return 'WebGL';
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    return String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  } catch {
    return 'WebGL';
  }
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

const TRIAL_BUDGET_MS = 1000;

/**
 * The most one timed step may take. A trial runs at least five steps on each backend before
 * any can be chosen, with nothing else able to run: a giant batch (text windows by the
 * thousand) would take gigabytes and minutes to time. The default text experiment's step
 * (214 MB, 0.4 billion multiply-adds) is timed as it is.
 */
const TRIAL_LIMIT = { bytes: 256 * 2 ** 20, macs: 0.5e9 };

/** Backends whose first step runs as fast as any later one: no shaders to compile. */
const NOTHING_TO_COMPILE: readonly BackendName[] = ['wasm', 'cpu'];

/** The batch a trial times: the workload's, or the largest below it within TRIAL_LIMIT. */
export function trialBatch(w: Workload): number {
  const rows = SEQUENCE_STUDENTS.includes(w.student.kind) ? w.inputShape[0]! : 1;
  const bytes = studentStepBytes(w.student, w.inputShape, w.classes, rows, 1);
  const macs = studentStepMacs(w.student, w.inputShape, w.classes, rows, 1);
  const fits = Math.floor(Math.min(TRIAL_LIMIT.bytes / bytes, TRIAL_LIMIT.macs / macs));
  return Math.max(1, Math.min(w.batchSize, fits));
}

/**
 * Why this backend cannot run the workload's teacher, or null when it can. The teacher runs
 * once as a session runs it: a forward pass in inference mode and the input gradients the
 * image task's saliency probe takes through it (gradTimesInput, the probe's own code). Only
 * input gradients are asked for, yet tfjs's fused convolution (a Conv2D whose activation is
 * linear, as before a BatchNormalization) derives its filter gradient along with them in its
 * custom gradient. tfjs's WASM has no Conv2DBackpropFilter (the studio registers one,
 * wasm-kernels.ts); any other kernel a backend lacks keeps Auto off it, in words.
 */
async function teacherProblem(w: Workload): Promise<string | null> {
  if (!w.makeTeacher) return null;
  const teacher = await w.makeTeacher();
  const x = tf.randomNormal([2, ...w.inputShape], 0, 1, 'float32', 3);
  const classes = tf.zeros([2], 'int32') as tf.Tensor1D;
  try {
    const maps = gradTimesInput(teacher, x, classes);
    await maps.data();
    maps.dispose();
    return null;
  } catch (e) {
    disposeFailedTape();
    const missing = missingKernel(e);
    if (!missing) throw e;
    return `it has no ${missing.kernel} kernel, which this teacher needs (the saliency maps take gradients through it)`;
  } finally {
    tf.dispose([x, classes]);
    teacher.dispose();
  }
}

/**
 * tfjs frees the tensors a gradient tape saved for the backward pass only once that pass
 * succeeds (tfjs-core engine.gradients); after a kernel failed mid-way they would stay
 * allocated, and the tape would stay active. A trial that fails must leave memory as it was.
 */
function disposeFailedTape(): void {
  const state = tf.engine().state as unknown as {
    gradientDepth: number;
    activeTape: { saved?: tf.Tensor[] }[] | null;
  };
  if (state.gradientDepth !== 0) return;
  state.activeTape?.forEach((node) => node.saved?.forEach((t) => t.dispose()));
  state.activeTape = null;
}

/** A trial's failure in words: a missing kernel is named, anything else quoted. */
function trialFailure(e: unknown): string {
  const missing = missingKernel(e);
  return missing
    ? `it has no ${missing.kernel} kernel, which training this student needs`
    : `trial failed: ${(e as Error).message}`;
}

/**
 * Median ms per step of a Hinton KD step of the workload's student on random inputs (of
 * `batchSize`). Given `beat`, the best median so far: a first step over three times that
 * cannot win, and is the answer (for backends with nothing to compile, whose first step is
 * as fast as any: timing the cpu backend's five steps of the default text student took 25 s).
 */
async function timeStep(w: Workload, batchSize: number, beat?: number, steps = 8): Promise<number> {
  const rng = createRng(1, 'trial');
  if (!w.makeStudent && w.student.kind === 'imported')
    throw new Error('an imported student needs its model loaded to be timed');
  const student = w.makeStudent
    ? await w.makeStudent()
    : buildModel(w.student as BuildableSpec, w.inputShape, w.classes, rng, 'trial');
  const hinton = getObjective('hinton');
  const opt = tf.train.adam(1e-3);
  // Text students read token ids and predict every position: one row per token.
  const text = SEQUENCE_STUDENTS.includes(w.student.kind);
  const rows = text ? batchSize * w.inputShape[0]! : batchSize;
  const x = text
    ? tf.randomUniform([batchSize, ...w.inputShape], 0, w.classes, 'int32', 1)
    : tf.randomNormal([batchSize, ...w.inputShape], 0, 1, 'float32', 1);
  const t = tf.randomNormal([rows, w.classes], 0, 1, 'float32', 2) as tf.Tensor2D;
  const y = tf.zeros([rows], 'int32') as tf.Tensor1D;
  const one = () =>
    opt.minimize(
      () =>
        hinton.loss(
          tf,
          // In training mode, as a step runs it (an imported student's Dropout, BatchNormalization).
          { studentLogits: student.forward(x, true).logits, teacherLogits: t, labels: y, step: 0, totalSteps: 1 },
          { T: 4, alpha: 0.9, t2: 1 },
        ).total,
      true,
      student.variables,
    )!;
  try {
    // Warm up: shader compilation and first allocations are not what we are choosing on.
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const loss = one();
      await loss.data();
      loss.dispose();
      const first = performance.now() - t0;
      if (i === 0 && beat !== undefined && first > 3 * beat) return first;
    }
    // Up to `steps` timed steps, but at most about a second per backend: a slow backend loses
    // the trial anyway and should not make the user wait.
    const times: number[] = [];
    const started = performance.now();
    for (let i = 0; i < steps && (i < 2 || performance.now() - started < TRIAL_BUDGET_MS); i++) {
      const t0 = performance.now();
      const loss = one();
      await loss.data();
      loss.dispose();
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    return times[Math.floor(times.length / 2)]!;
  } finally {
    [x, t, y].forEach((v) => v.dispose());
    student.dispose();
    disposeOptimizer(opt);
  }
}

async function describe(
  name: BackendName,
  gpu: GpuAdapterSummary | null,
): Promise<{ adapter: string; software: boolean }> {
  switch (name) {
    case 'webgpu':
      return { adapter: gpu?.description ?? 'WebGPU', software: gpu?.fallback ?? false };
    case 'webgl': {
      const r = webglRenderer();
      return { adapter: r, software: /swiftshader|llvmpipe|software/i.test(r) };
    }
    case 'wasm':
      return {
        adapter: tf.env().getBool('WASM_HAS_SIMD_SUPPORT') ? 'WebAssembly + SIMD' : 'WebAssembly',
        software: false,
      };
    case 'cpu':
      return { adapter: 'JavaScript (no acceleration)', software: false };
  }
}

/** Why a backend whose GPU device was lost is not used again in this worker. */
const LOST = 'its GPU device was lost in this tab (reload the page to use it again)';

/**
 * Activates the chosen backend (or picks one), and says what runs and why. `lost`: backends
 * whose device was lost here; their tfjs backend is broken for the worker's life.
 */
export async function selectBackend(
  choice: BackendChoice,
  w: Workload,
  lost: readonly BackendName[] = [],
): Promise<BackendInfo> {
  const gpu = isRegistered('webgpu') ? await probeWebGpu().catch(() => null) : null;

  if (choice !== 'auto') {
    const why = lost.includes(choice)
      ? LOST
      : !isRegistered(choice)
        ? `${choice} is not available in this environment`
        : choice === 'webgpu' && !gpu
          ? 'this browser offers no WebGPU adapter'
          : unsupportedReason(choice, w);
    const started = !why && (await activate(choice));
    // A chosen backend is not timed, but it must be able to run the teacher.
    const cannot = started ? await teacherProblem(w).catch((e: unknown) => trialFailure(e)) : null;
    if (started && !cannot) {
      const d = await describe(choice, gpu);
      return { name: choice, ...d, choice, reason: 'chosen by you', trials: [] };
    }
    const auto = await selectBackend('auto', w, lost);
    return {
      ...auto,
      choice,
      reason: `${choice} could not start (${why ?? cannot ?? 'initialisation failed'}); auto chose ${auto.name} instead`,
    };
  }

  const trials: BackendTrial[] = [];
  for (const name of BACKEND_ORDER) {
    if (lost.includes(name)) {
      trials.push({ name, skipped: LOST });
      continue;
    }
    if (!isRegistered(name)) {
      trials.push({ name, skipped: 'not available here' });
      continue;
    }
    if (name === 'webgpu' && !gpu) {
      trials.push({ name, skipped: 'no WebGPU adapter' });
      continue;
    }
    if (name === 'webgpu' && gpu?.fallback) {
      trials.push({ name, skipped: `software fallback adapter (${gpu.description}); choose it by hand to use it` });
      continue;
    }
    const unsupported = unsupportedReason(name, w);
    if (unsupported) {
      trials.push({ name, skipped: unsupported });
      continue;
    }
    if (!(await activate(name))) {
      trials.push({ name, skipped: 'failed to initialise' });
      continue;
    }
    try {
      const cannot = await teacherProblem(w);
      if (cannot) trials.push({ name, skipped: cannot });
      else {
        // A batch too large to try is timed smaller and scaled: a step's time grows with its rows.
        const batch = trialBatch(w);
        const scale = w.batchSize / batch;
        const best = Math.min(...trials.map((t) => t.msPerStep ?? Infinity)) / scale;
        const beat = NOTHING_TO_COMPILE.includes(name) && Number.isFinite(best) ? best : undefined;
        const ms = (await timeStep(w, batch, beat)) * scale;
        trials.push({ name, msPerStep: ms, ...(batch < w.batchSize && { timedBatch: batch }) });
      }
    } catch (e) {
      trials.push({ name, skipped: trialFailure(e) });
    }
  }
  const timed = trials.filter((t) => t.msPerStep !== undefined).sort((a, b) => a.msPerStep! - b.msPerStep!);
  const best = timed[0]?.name ?? 'cpu';
  await activate(best);
  const d = await describe(best, gpu);
  const reason = timed.length
    ? `fastest in a ${timed.length}-way trial (${timed.map((t) => `${t.name} ${t.msPerStep!.toFixed(1)} ms`).join(', ')})`
    : 'the only backend that started';
  return { name: best, ...d, choice, reason, trials };
}

/** Calls `onLost` if the active backend's GPU device is lost (WebGPU only). */
export function watchDeviceLoss(onLost: (message: string) => void): void {
  const device = (tf.backend() as unknown as { device?: GPUDevice }).device;
  device?.lost.then((info) => onLost(info.message || `reason: ${info.reason}`)).catch(() => undefined);
}
