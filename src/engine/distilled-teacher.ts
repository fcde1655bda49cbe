/**
 * Teacher hacking's three models on text (Tiapkin et al., 2025; issue 17 §3): before any lane
 * starts, a small transformer is distilled from the shipped one (the oracle) by forward KL at
 * T = 1 on corpus windows, the teacher's own training windows (`TaskData.teacherBatch`), for a
 * fixed number of steps. The session then freezes it as the lanes' teacher, and keeps the
 * oracle's logits on the held-out windows for the golden distance, KL(oracle‖student).
 */
import * as tf from '@tensorflow/tfjs';
import { WINDOW_CHUNK } from '../config/chunks';
import type { DistilledTeacher, ExperimentConfig } from '../config/schema';
import { createRng } from '../lib/rng';
import { forwardInChunks } from './forward';
import { buildModel } from './models/build';
import type { Model } from './models/types';
import { disposeOptimizer } from './optim';
import type { TaskData } from './task-data';
// A cycle with teacher.ts, which calls this: only functions and a class used at run time cross it.
import { assignFlat, macrotask, nextChunk, TeacherCancelled, type Progress } from './teacher';

/** The small teacher, built from the seed apart from the students (and from a trained teacher's draws). */
export function buildDistilled(spec: DistilledTeacher, config: ExperimentConfig, data: TaskData): Model {
  const { layers, width, heads } = spec;
  return buildModel(
    { kind: 'transformer', layers, width, heads },
    data.inputShape,
    data.classes,
    createRng(config.seed, 'distilled-teacher'),
    'distilled-teacher',
  );
}

/** Mean over tokens of KL(p‖q) from logits [rows, V]: Σ p (log p − log q). */
export function meanKl(oracleLogits: tf.Tensor2D, logits: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => {
    const logP = tf.logSoftmax(oracleLogits);
    return tf.mean(tf.sum(tf.mul(tf.exp(logP), tf.sub(logP, tf.logSoftmax(logits))), -1)) as tf.Scalar;
  });
}

/** Distils `oracle` into a new small transformer, `spec.steps` Adam steps at the students' learning rate. */
export async function distilTextTeacher(
  spec: DistilledTeacher,
  config: ExperimentConfig,
  data: TaskData,
  oracle: Model,
  onProgress?: (p: Progress) => void,
  cancelled?: () => boolean,
): Promise<Model> {
  const batch = data.teacherBatch;
  if (!batch) throw new Error('A distilled teacher needs a language task’s corpus windows');
  const model = buildDistilled(spec, config, data);
  const opt = tf.train.adam(config.train.lr);
  const detail = (kl?: number) => (kl === undefined ? undefined : `KL to the oracle ${kl.toFixed(3)}`);
  onProgress?.({ phase: 'teacher', done: 0, total: spec.steps, detail: detail() });
  let size = 1;
  try {
    for (let done = 0; done < spec.steps;) {
      const n = Math.min(size, spec.steps - done);
      const started = performance.now();
      let last: tf.Scalar | null = null;
      for (let i = 0; i < n; i++) {
        last?.dispose();
        last = tf.tidy(() => {
          const { x, y } = batch(done + i, config.seed);
          y.dispose();
          // The oracle's pass stays off the tape: only the small teacher's variables train.
          const target = oracle.forward(x).logits;
          return opt.minimize(() => meanKl(target, model.forward(x, true).logits), true, model.variables)!;
        });
      }
      done += n;
      const kl = (await last!.data())[0]!;
      last!.dispose();
      size = nextChunk(n, performance.now() - started, WINDOW_CHUNK);
      if (!Number.isFinite(kl))
        throw new Error(`The small teacher’s loss diverged (${kl}) at step ${done}: lower the learning rate.`);
      onProgress?.({ phase: 'teacher', done, total: spec.steps, detail: detail(kl) });
      if (cancelled && done < spec.steps) {
        await macrotask();
        if (cancelled()) throw new TeacherCancelled();
      }
    }
  } catch (e) {
    model.dispose();
    throw e;
  } finally {
    disposeOptimizer(opt);
  }
  return model;
}

/** The oracle's logits on the held-out windows (the golden distance's reference), kept on the device. */
export function oracleTestLogits(oracle: Model, data: TaskData): tf.Tensor2D {
  const { logits, features } = forwardInChunks(oracle, data.testX, undefined, data.evalChunk);
  features.dispose();
  return logits;
}

/**
 * The small teacher distilled from `oracle` (the caller keeps and disposes it): rebuilt from
 * saved weights when a run goes on elsewhere, else distilled on corpus windows.
 */
export async function distilledFor(
  spec: DistilledTeacher,
  config: ExperimentConfig,
  data: TaskData,
  oracle: Model,
  trained: Float32Array | undefined,
  onProgress?: (p: Progress) => void,
  cancelled?: () => boolean,
): Promise<Model> {
  if (!trained) return distilTextTeacher(spec, config, data, oracle, onProgress, cancelled);
  const model = buildDistilled(spec, config, data);
  try {
    assignFlat(model.variables, trained);
  } catch (e) {
    model.dispose();
    throw e;
  }
  return model;
}
