/**
 * The teacher assistant (Mirzadeh et al., 2020, "Improved Knowledge Distillation via Teacher
 * Assistant"): an MLP of intermediate size distilled from the frozen teacher's soft targets
 * on every training row (labelled and transfer), with Hinton's loss at T = 4 and no labels,
 * before any lane starts. The session then freezes it as the lanes' teacher.
 */
import * as tf from '@tensorflow/tfjs';
import { TEACHER_CHUNK } from '../config/chunks';
import type { ExperimentConfig, TeacherAssistant } from '../config/schema';
import { createRng } from '../lib/rng';
import { logSoftmaxT } from '../objectives/divergences';
import { buildModel } from './models/build';
import type { Model } from './models/types';
import { disposeOptimizer } from './optim';
import { BatchSampler } from './sampler';
import type { TaskData } from './task-data';
// A cycle with teacher.ts, which calls this: only functions and a class used at run time cross it.
import { macrotask, nextChunk, TeacherCancelled, type Progress } from './teacher';

/** The soft-target temperature the assistant learns at (Hinton's default here). */
export const ASSISTANT_T = 4;

/** Builds the assistant (seeded apart from the students) and distils `teacherLogits` into it. */
export async function distilAssistant(
  spec: TeacherAssistant,
  config: ExperimentConfig,
  data: TaskData,
  teacherLogits: tf.Tensor2D,
  onProgress?: (p: Progress) => void,
  cancelled?: () => boolean,
): Promise<Model> {
  const rows = data.trainY.shape[0];
  if (rows === 0) throw new Error('A teacher assistant needs training rows (not a text task)');
  const model = buildModel(
    { kind: 'mlp', hidden: spec.hidden, activation: 'relu' },
    data.inputShape,
    data.classes,
    createRng(config.seed, 'assistant'),
    'assistant',
  );
  const opt = tf.train.adam(config.train.lr);
  const sampler = new BatchSampler(rows, config.seed, 'assistant');
  const batchSize = Math.min(config.train.batchSize, rows);
  const T = ASSISTANT_T;
  onProgress?.({ phase: 'teacher', done: 0, total: spec.steps, detail: 'assistant' });
  let size = 1;
  try {
    for (let done = 0; done < spec.steps;) {
      const n = Math.min(size, spec.steps - done);
      const started = performance.now();
      let last: tf.Scalar | null = null;
      for (let i = 0; i < n; i++) {
        last?.dispose();
        last = tf.tidy(() => {
          const idx = tf.tensor1d(sampler.next(batchSize), 'int32');
          const x = tf.gather(data.trainX, idx);
          const p = tf.softmax(tf.div(tf.gather(teacherLogits, idx), T));
          return opt.minimize(
            () => {
              // T²·KL(p‖q) up to the teacher's entropy, a constant: T²·CE(p, q).
              const logQ = logSoftmaxT(tf, model.forward(x).logits, T);
              return tf.mul(tf.mean(tf.neg(tf.sum(tf.mul(p, logQ), -1))), T * T) as tf.Scalar;
            },
            true,
            model.variables,
          )!;
        });
      }
      done += n;
      const loss = (await last!.data())[0]!;
      last!.dispose();
      size = nextChunk(n, performance.now() - started, TEACHER_CHUNK);
      if (!Number.isFinite(loss))
        throw new Error(`The assistant’s loss diverged (${loss}) at step ${done}: lower the learning rate.`);
      onProgress?.({ phase: 'teacher', done, total: spec.steps, detail: `assistant loss ${loss.toFixed(3)}` });
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
