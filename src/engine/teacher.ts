/**
 * The teacher's life before distillation: built (and trained on the labels) or loaded from the
 * shipped weights, then frozen. Frozen means its outputs on every training example and the
 * test set are computed once, in chunks, and reused; its variables are never trained again.
 */
import * as tf from '@tensorflow/tfjs';
import { TEACHER_BATCH, TEACHER_CHUNK, WINDOW_CHUNK } from '../config/chunks';
import type { ExperimentConfig } from '../config/schema';
import { createRng } from '../lib/rng';
import { taskDef } from '../tasks/registry';
import { crossEntropyRows } from '../objectives/divergences';
import type { Assets } from './assets';
import { distilAssistant } from './assistant';
import { distilledFor, meanKl, oracleTestLogits } from './distilled-teacher';
import { loadImported } from './imported';
import { mixModels } from './models/ensemble-model';
import { forwardInChunks } from './forward';
import { argmaxRows, teacherMap, type TeacherMap } from '../lib/teacher-map';
import { agreementWithMix, memberTest, type MemberTest } from './member-accuracy';
import { isSequenceModel } from './models/sequence';
import { disposeOptimizer } from './optim';
import { buildModel } from './models/build';
import { loadPretrained, sha256Hex, type PretrainedInfo } from './models/pretrained';
import type { Model } from './models/types';
import { BatchSampler } from './sampler';
import type { TaskData } from './task-data';

export type Phase = 'data' | 'teacher' | 'cache' | 'pool';

export interface Progress {
  phase: Phase;
  done: number;
  total: number;
  /** e.g. "loss 0.123" or "3.1 of 6.1 MB". */
  detail?: string;
}

export interface FrozenTeacher {
  model: Model;
  info?: PretrainedInfo;
  /**
   * First 12 hex digits of the SHA-256 of the teacher's weights: of the shipped file for a
   * pretrained teacher, the imported model's hash, or of the trained variables (float32,
   * little-endian, in variable order) for a teacher trained here. Same seed and backend give
   * the same trained weights, so the same hash: the reproducibility stamp carries it.
   */
  weightsHash: string;
  /**
   * A teacher trained here: its weights on the host (float32, in variable order), so that a run
   * going on elsewhere (another backend after a lost GPU, a new worker) gets this very teacher
   * again instead of one trained afresh.
   */
  trainedWeights?: Float32Array;
  /** Logits and features of every training row, and logits of every test row. */
  trainLogits: tf.Tensor2D;
  trainFeatures: tf.Tensor2D;
  testLogits: tf.Tensor2D;
  /** The teacher's class for every training row (pseudo-labels for the transfer set). */
  trainClasses: Int32Array;
  /** Host copies of the test (and toy boundary-grid) logits, for the views. */
  testLogitsHost: Float32Array;
  gridLogitsHost?: Float32Array;
  metrics: Float32Array;
  /** With several teachers: each member's own test accuracy (the chosen teacher first), before mixing. */
  memberAccuracy?: Float32Array;
  /** With several teachers: how often each member's test class is the mix's. */
  memberAgreement?: Float32Array;
  /**
   * A distilled teacher's oracle (the model it was distilled from): its logits on the held-out
   * set, the golden distance's reference (the session hands them to the evaluation as TaskData.golden).
   */
  golden?: tf.Tensor2D;
  /** With an oracle (the oracle task's, or a distilled teacher's): KL(oracle‖teacher) per held-out row. */
  goldenDistance?: number;
  /** With several teachers: test row by test row, which members are right and which differ from the mix. */
  memberMap?: TeacherMap;
  dispose(): void;
}

/** The user cancelled the teacher's training: nothing is built, and nothing went wrong. */
export class TeacherCancelled extends Error {
  constructor() {
    super('The teacher’s training was cancelled');
    this.name = 'TeacherCancelled';
  }
}

/** Lets a message (a cancel) reach the worker between chunks: a cpu read-back never yields. */
export const macrotask = () => new Promise((r) => setTimeout(r, 0));

/** How long a chunk of teacher steps runs between read-backs (and chances to cancel). */
export const CHUNK_MS = 200;

/** The next chunk's steps after `n` took `ms`: as many as fit CHUNK_MS, from 1 to `most`, at most doubling. */
export function nextChunk(n: number, ms: number, most: number): number {
  const fits = Math.floor((n * CHUNK_MS) / Math.max(ms, 1e-3));
  return Math.max(1, Math.min(most, 2 * n, fits));
}

async function trainOnLabels(
  config: ExperimentConfig,
  data: TaskData,
  model: Model,
  onProgress?: (p: Progress) => void,
  cancelled?: () => boolean,
) {
  const { trainSteps, lr } = config.teacher;
  const opt = tf.train.adam(lr);
  // A task whose batches are made per step (text windows) has no training rows to sample.
  const sampler = data.teacherBatch ? undefined : new BatchSampler(data.trainY.shape[0], config.seed, 'teacher');
  const batch = (step: number) => {
    if (data.teacherBatch) return data.teacherBatch(step, config.seed);
    const it = tf.tensor1d(sampler!.next(Math.min(TEACHER_BATCH, data.trainY.shape[0])), 'int32');
    return { x: tf.gather(data.trainX, it), y: tf.gather(data.trainY, it) as tf.Tensor1D };
  };
  // The bar (and its Cancel) shows at once: a first chunk of a transformer on a software
  // backend can take a minute.
  onProgress?.({ phase: 'teacher', done: 0, total: trainSteps });
  // Chunks are sized by time, so a Cancel is heard within about CHUNK_MS however large the
  // teacher: a fixed 50 steps of a large one ran for minutes without a break. At most the
  // task's chunk (the budget's "without a break" bound assumes it); the grouping changes only
  // when progress is read, never which steps run.
  const most = data.teacherBatch ? WINDOW_CHUNK : TEACHER_CHUNK;
  let size = 1;
  try {
    for (let done = 0; done < trainSteps;) {
      const n = Math.min(size, trainSteps - done);
      const started = performance.now();
      let last: tf.Scalar | null = null;
      for (let i = 0; i < n; i++) {
        last?.dispose();
        last = tf.tidy(() => {
          const { x, y } = batch(done + i);
          return opt.minimize(
            () => tf.mean(crossEntropyRows(tf, model.forward(x).logits, y)) as tf.Scalar,
            true,
            model.variables,
          )!;
        });
      }
      done += n;
      const loss = (await last!.data())[0]!;
      last!.dispose();
      size = nextChunk(n, performance.now() - started, most);
      if (!Number.isFinite(loss))
        throw new Error(`The teacher’s loss diverged (${loss}) at step ${done}: lower the teacher learning rate.`);
      onProgress?.({ phase: 'teacher', done, total: trainSteps, detail: `loss ${loss.toFixed(3)}` });
      if (cancelled && done < trainSteps) {
        await macrotask();
        if (cancelled()) throw new TeacherCancelled();
      }
    }
  } finally {
    disposeOptimizer(opt);
  }
}

/**
 * SHA-256 (12 hex digits) of a model's variables as float32 bytes, and those values: one
 * read-back for all of them.
 */
export async function hashVariables(
  variables: readonly tf.Variable[],
): Promise<{ hash: string; values: Float32Array }> {
  const flat = tf.tidy(() => tf.concat(variables.map((v) => tf.reshape(tf.cast(v, 'float32'), [-1]))));
  try {
    const values = (await flat.data()) as Float32Array;
    return { hash: await sha256Hex(new Uint8Array(values.buffer, values.byteOffset, values.byteLength)), values };
  } finally {
    flat.dispose();
  }
}

/** Puts a trained teacher's host weights (hashVariables' values) back into its variables. */
export function assignFlat(variables: readonly tf.Variable[], values: Float32Array): void {
  const total = variables.reduce((n, v) => n + v.size, 0);
  if (total !== values.length) throw new Error('The saved teacher does not fit this experiment’s teacher');
  let off = 0;
  for (const v of variables) {
    const t = tf.tensor(values.subarray(off, off + v.size), v.shape, 'float32');
    v.assign(v.dtype === 'float32' ? t : tf.cast(t, v.dtype));
    t.dispose();
    off += v.size;
  }
}

/** The teacher's own metrics (accuracy, calibration, perplexity for text) as one tensor. */
export function teacherMetricsTensor(kind: TaskData['kind'], logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Tensor1D {
  return tf.tidy(() =>
    tf.stack(
      taskDef(kind).teacherMetrics.map((metric) =>
        metric.compute(tf, { teacherLogits: logits, studentLogits: logits, labels }),
      ),
    ),
  ) as tf.Tensor1D;
}

/** Builds or loads the teacher, trains it if it is not pretrained, and freezes it. */
export async function prepareTeacher(
  config: ExperimentConfig,
  data: TaskData,
  assets: Assets | undefined,
  onProgress?: (p: Progress) => void,
  /** Asked between chunks of training: true stops it (TeacherCancelled). */
  cancelled?: () => boolean,
  /** A teacher trained here before (FrozenTeacher.trainedWeights): taken instead of training one. */
  trained?: Float32Array,
): Promise<FrozenTeacher> {
  const spec = config.teacher.model;
  let model: Model;
  let info: PretrainedInfo | undefined;
  let weightsHash: string;
  let trainedWeights: Float32Array | undefined;
  if (spec.kind === 'imported') {
    model = await loadImported(spec, data.inputShape, data.classes, false);
    weightsHash = spec.hash;
  } else if (spec.kind === 'pretrained') {
    if (!assets) throw new Error('A pretrained teacher needs the app’s files');
    onProgress?.({ phase: 'teacher', done: 0, total: 1 });
    ({ model, info } = await loadPretrained(spec, assets, data.inputShape, data.classes));
    onProgress?.({ phase: 'teacher', done: 1, total: 1, detail: `weights ${info.weightsHash}` });
    weightsHash = info.weightsHash;
  } else {
    model = buildModel(spec, data.inputShape, data.classes, createRng(config.seed, 'teacher'), 'teacher');
    try {
      // With an assistant, saved weights are the assistant's: the teacher it learnt from is not needed.
      // A distilled teacher's are its own, and its oracle is needed: trained again (the same seed).
      const distilled = config.teacher.distilled !== undefined;
      if (trained && !config.teacher.assistant && !distilled) assignFlat(model.variables, trained);
      else if (!trained || distilled) await trainOnLabels(config, data, model, onProgress, cancelled);
      ({ hash: weightsHash, values: trainedWeights } = await hashVariables(model.variables));
    } catch (e) {
      model.dispose();
      throw e;
    }
  }

  if (isSequenceModel(model) && model.sequence.config.context < data.inputShape[0]!) {
    model.dispose();
    throw new Error(`The teacher reads at most ${model.sequence.config.context} characters; lower the context`);
  }
  const nTrain = data.trainY.shape[0];
  const ensemble = config.teacher.ensemble;
  let members: MemberTest | undefined;
  if (ensemble && !(config.teacher.assistant && trained)) {
    // The mix is the teacher: stamped by every member's hash, in order.
    const others: Model[] = [];
    try {
      for (const other of ensemble.with) {
        if (other.kind === 'imported') {
          others.push(await loadImported(other, data.inputShape, data.classes, false));
          weightsHash = `${weightsHash}+${other.hash}`;
          continue;
        }
        if (!assets) throw new Error('A pretrained teacher needs the app’s files');
        const loaded = await loadPretrained(other, assets, data.inputShape, data.classes);
        others.push(loaded.model);
        weightsHash = `${weightsHash}+${loaded.info.weightsHash}`;
      }
    } catch (e) {
      [model, ...others].forEach((m) => m.dispose());
      throw e;
    }
    try {
      members = await memberTest([model, ...others], data);
    } catch (e) {
      [model, ...others].forEach((m) => m.dispose());
      throw e;
    }
    model = mixModels([model, ...others], ensemble.mix);
    weightsHash = await sha256Hex(new TextEncoder().encode(`${ensemble.mix}:${weightsHash}`));
  }
  const assistant = config.teacher.assistant;
  if (assistant) {
    // The assistant takes the teacher's place: its outputs are cached, its weights stamped.
    try {
      const next = await assistantFor(assistant, config, data, model, trained, onProgress, cancelled);
      ({ hash: weightsHash, values: trainedWeights } = await hashVariables(next.variables));
      model = next;
      info = undefined;
    } catch (e) {
      model.dispose();
      throw e;
    }
  }
  let golden: tf.Tensor2D | undefined;
  if (config.teacher.distilled) {
    // The teacher so far becomes the oracle: its held-out logits stay, the small teacher takes its place.
    const oracle = model;
    try {
      golden = oracleTestLogits(oracle, data);
      model = await distilledFor(config.teacher.distilled, config, data, oracle, trained, onProgress, cancelled);
      info = undefined;
    } catch (e) {
      golden?.dispose();
      throw e;
    } finally {
      oracle.dispose();
    }
    try {
      ({ hash: weightsHash, values: trainedWeights } = await hashVariables(model.variables));
    } catch (e) {
      golden.dispose();
      model.dispose();
      throw e;
    }
  }
  const oracle = golden ?? data.golden;
  const test = forwardInChunks(model, data.testX, undefined, data.evalChunk);
  // Text windows are drawn afresh every step, so there is no per-example cache to fill.
  const train =
    nTrain === 0
      ? {
          logits: tf.zeros([0, data.classes]) as tf.Tensor2D,
          features: tf.zeros([0, test.features.shape[1]]) as tf.Tensor2D,
        }
      : forwardInChunks(model, data.trainX, (done) => onProgress?.({ phase: 'cache', done, total: nTrain }));
  const classes = tf.argMax(train.logits, -1);
  const m = teacherMetricsTensor(data.kind, test.logits, data.testY);
  const grid = data.grid ? tf.tidy(() => model.forward(data.grid!.x).logits) : undefined;
  const gap = oracle ? meanKl(oracle, test.logits) : undefined;
  const [metrics, testHost, classesHost, gridHost, gapHost] = await Promise.all([
    m.data(),
    test.logits.data(),
    classes.data(),
    grid?.data(),
    gap?.data(),
  ]);
  tf.dispose([m, classes, test.features, ...(grid ? [grid] : []), ...(gap ? [gap] : [])]);
  const mixClasses = members && argmaxRows(testHost as Float32Array, data.classes);
  return {
    model,
    info,
    weightsHash,
    trainedWeights,
    trainLogits: train.logits,
    trainFeatures: train.features,
    testLogits: test.logits,
    trainClasses: Int32Array.from(classesHost),
    testLogitsHost: testHost as Float32Array,
    gridLogitsHost: gridHost as Float32Array | undefined,
    metrics: metrics as Float32Array,
    memberAccuracy: members?.accuracy,
    memberAgreement: members && agreementWithMix(members.classes, mixClasses!),
    memberMap: members && teacherMap(members.classes, mixClasses!, data.host.testY),
    golden,
    goldenDistance: gapHost?.[0],
    dispose() {
      [train.logits, train.features, test.logits, ...(golden ? [golden] : [])].forEach((t) => t.dispose());
      model.dispose();
    },
  };
}

/**
 * The assistant that replaces `teacher` (which it disposes): rebuilt from saved weights when a
 * run goes on elsewhere, else distilled from the teacher's outputs on every training row.
 */
async function assistantFor(
  spec: NonNullable<ExperimentConfig['teacher']['assistant']>,
  config: ExperimentConfig,
  data: TaskData,
  teacher: Model,
  trained: Float32Array | undefined,
  onProgress?: (p: Progress) => void,
  cancelled?: () => boolean,
): Promise<Model> {
  let model: Model;
  if (trained) {
    model = buildModel(
      { kind: 'mlp', hidden: spec.hidden, activation: 'relu' },
      data.inputShape,
      data.classes,
      createRng(config.seed, 'assistant'),
      'assistant',
    );
    try {
      assignFlat(model.variables, trained);
    } catch (e) {
      model.dispose();
      throw e;
    }
  } else {
    const logits = forwardInChunks(teacher, data.trainX, (done) =>
      onProgress?.({ phase: 'cache', done, total: data.trainY.shape[0] }),
    );
    logits.features.dispose();
    try {
      model = await distilAssistant(spec, config, data, logits.logits, onProgress, cancelled);
    } finally {
      logits.logits.dispose();
    }
  }
  teacher.dispose();
  return model;
}
