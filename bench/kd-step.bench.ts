/**
 * The studio's distillation step against a minimal hand-written tfjs loop doing the same maths
 * (gather a batch, cached teacher logits, student MLP forward, Hinton KD at T = 4, Adam), on
 * the same model and backend. Both read the loss back once per `tick` steps, as the studio does.
 */
import * as tf from '@tensorflow/tfjs';
import { TOY_CONFIG } from '../src/tasks/toy2d/defaults';
import type { ExperimentConfig } from '../src/config/schema';
import type { ToyExperiment } from '../src/tasks/toy2d/defaults';
import { Session } from '../src/engine/session';
import { createRng } from '../src/lib/rng';
import { glorotUniform } from '../src/engine/models/init';
import { disposeOptimizer } from '../src/engine/optim';
import type { BenchCase } from './harness';

/** The default experiment, with the teacher trained briefly (its quality is not measured). */
export const benchConfig = (over: Partial<ExperimentConfig['train']> = {}): ToyExperiment => ({
  ...TOY_CONFIG,
  teacher: { ...TOY_CONFIG.teacher, trainSteps: 50 },
  train: { ...TOY_CONFIG.train, steps: 1_000_000, ...over },
});

/** The studio's loop body: `tick` steps then one batched read-back, as the worker runs it. */
export async function studioCase(cfg: ExperimentConfig, tick: number): Promise<BenchCase> {
  const session = await Session.create(cfg);
  return {
    async run() {
      for (let i = 0; i < tick; i++) session.trainStep();
      await session.flush();
      return tick;
    },
    dispose: () => session.dispose(),
  };
}

/**
 * The same step written as directly as tfjs allows: plain variables, one loss expression,
 * no records, no evaluation, no checkpoints.
 */
export async function minimalCase(cfg: ToyExperiment, tick: number): Promise<BenchCase> {
  const s = await Session.create(cfg); // only to get identical data and teacher logits
  const { trainX, trainY } = s.data;
  const teacherLogits = tf.clone(s.teacher.trainLogits);
  const X = tf.clone(trainX);
  const Y = tf.clone(trainY);
  const classes = s.data.classes;
  s.dispose();
  const rng = createRng(cfg.seed, 'minimal');
  const sizes = [2, ...cfg.student.hidden, classes];
  const vars: tf.Variable[] = [];
  for (let i = 1; i < sizes.length; i++) {
    tf.tidy(() => {
      vars.push(tf.variable(tf.tensor2d(glorotUniform(sizes[i - 1]!, sizes[i]!, rng), [sizes[i - 1]!, sizes[i]!])));
      vars.push(tf.variable(tf.zeros([sizes[i]!])));
    });
  }
  const opt = tf.train.adam(cfg.train.lr);
  const T = 4;
  const alpha = 0.9;
  const n = Y.shape[0];
  return {
    async run() {
      let loss: tf.Scalar | null = null;
      for (let step = 0; step < tick; step++) {
        loss?.dispose();
        const idx = Int32Array.from({ length: cfg.train.batchSize }, () => rng.int(n));
        loss = tf.tidy(() => {
          const it = tf.tensor1d(idx, 'int32');
          const x = tf.gather(X, it);
          const y = tf.gather(Y, it);
          const t = tf.gather(teacherLogits, it);
          return opt.minimize(
            () => {
              let h: tf.Tensor = x;
              for (let l = 0; l < vars.length; l += 2) {
                h = tf.add(tf.matMul(h, vars[l]!), vars[l + 1]!);
                if (l < vars.length - 2) h = tf.tanh(h);
              }
              const logQ = tf.logSoftmax(tf.div(h, T));
              const logP = tf.logSoftmax(tf.div(t, T));
              const kl = tf.mean(tf.sum(tf.mul(tf.exp(logP), tf.sub(logP, logQ)), -1));
              const ce = tf.mean(tf.neg(tf.sum(tf.mul(tf.oneHot(y, classes), tf.logSoftmax(h)), -1)));
              return tf.add(tf.mul(kl, alpha * T * T), tf.mul(ce, 1 - alpha)) as tf.Scalar;
            },
            true,
            vars,
          )!;
        });
      }
      await loss!.data();
      loss!.dispose();
      return tick;
    },
    dispose() {
      [teacherLogits, X, Y, ...vars].forEach((t) => t.dispose());
      disposeOptimizer(opt);
    },
  };
}
