/**
 * The oracle task's step batches: each lane's inputs come from the fixed pool (rows drawn with
 * replacement, seeded per step) or are drawn fresh from the task's distribution at every step;
 * the teacher labels them with one forward pass. No hard labels: the students learn from the
 * teacher alone, as in the paper's distillation stage.
 */
import * as tf from '@tensorflow/tfjs';
import type { ExperimentConfig } from '../../../config/schema';
import type { StepBatch } from '../../../engine/feature-batch';
import type { Lane } from '../../../engine/lanes';
import type { Model } from '../../../engine/models/types';
import type { StepSource } from '../../../engine/step-source';
import { createRng } from '../../../lib/rng';
import { drawInputs } from '../oracle';
import { laneDataOf, type OracleData } from '../schema';

/** Batch rows of step `step`: the same for every lane that draws from the same place. */
export function stepInputs(
  poolX: Float32Array,
  seed: number,
  step: number,
  rows: number,
  from: OracleData,
): Float32Array {
  if (from === 'fresh') return drawInputs(createRng(seed, `oracle-fresh:${step}`), rows);
  const rng = createRng(seed, `oracle-pool-batch:${step}`);
  const n = poolX.length / 2;
  const x = new Float32Array(2 * rows);
  for (let r = 0; r < rows; r++) {
    const i = rng.int(n);
    x[2 * r] = poolX[2 * i]!;
    x[2 * r + 1] = poolX[2 * i + 1]!;
  }
  return x;
}

export function oracleStepSource(
  poolX: Float32Array,
  teacher: Model,
  seed: number,
  config: () => ExperimentConfig,
): StepSource {
  return {
    needsPrepare: () => false,
    prepare: () => Promise.resolve(),
    reset: () => {},
    batches(step: number, lanes: readonly Lane[]): StepBatch[] {
      const cfg = config();
      if (cfg.task.kind !== 'oracle') throw new Error('The oracle task’s batches need its config');
      const task = cfg.task;
      const rows = cfg.train.batchSize;
      const needFeatures = lanes.some((l) => l.def.needs.features);
      const made = new Map<OracleData, StepBatch>();
      return lanes.map((_, i) => {
        const from = laneDataOf(task, i);
        let out = made.get(from);
        if (!out) {
          const x = tf.tensor2d(stepInputs(poolX, seed, step, rows, from), [rows, 2]);
          const t = teacher.forward(x);
          out = {
            x,
            labels: tf.cast(tf.argMax(t.logits, -1), 'int32') as tf.Tensor1D,
            labelMask: tf.zeros([rows]) as tf.Tensor1D,
            teacherLogits: t.logits,
            teacherFeatures: needFeatures ? t.features : undefined,
          };
          made.set(from, out);
        }
        return out;
      });
    },
  };
}
