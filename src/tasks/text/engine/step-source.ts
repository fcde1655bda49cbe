/** The language task's step batches: token windows from the corpus, the teacher or the students. */
import * as tf from '@tensorflow/tfjs';
import type { ExperimentConfig } from '../../../config/schema';
import type { StepBatch } from '../../../engine/feature-batch';
import type { Lane } from '../../../engine/lanes';
import type { Model } from '../../../engine/models/types';
import type { StepSource } from '../../../engine/step-source';
import type { StudentVocab } from '../student-vocab';
import { TextBatches, type TextBatch } from './batches';
import type { FilledPool } from './pool-build';

export function textStepSource(
  corpus: { ids: Int32Array; trainEnd: number; student?: StudentVocab; pool?: FilledPool },
  teacher: Model,
  seed: number,
  config: () => ExperimentConfig,
): StepSource {
  const text = new TextBatches(corpus, teacher, seed, config, corpus.student);
  return {
    needsPrepare: (step) => text.needsPrepare(step),
    prepare: (step, students) => text.prepare(step, students),
    reset: () => text.reset(),
    /**
     * Token windows [B, T] for each lane (the same object for every lane unless the step is
     * on-policy), the next-token labels, the teacher's outputs on them (a pool's stored ones,
     * uploaded, the ones kept from generating the windows, or a forward pass), and which
     * positions count (a generated window's prompt does not).
     */
    batches(step: number, lanes: readonly Lane[], labelMap?: tf.Tensor1D): StepBatch[] {
      const needFeatures = lanes.some((l) => l.def.needs.features);
      const seen = new Map<TextBatch, StepBatch>();
      return text.take(step, lanes.length).map((b) => {
        let out = seen.get(b);
        if (!out) {
          const x = tf.tensor2d(b.x, [b.rows, b.steps], 'int32');
          // Feature objectives are refused with a pool (the schema): it stores outputs only.
          // The teacher's logits kept from writing these windows stand in for its pass, as a
          // pool's do, unless an objective matches its features.
          const stored = b.teacher ?? (needFeatures ? undefined : b.generatedLogits);
          const t = stored
            ? { logits: tf.tensor2d(stored, [b.rows * b.steps, stored.length / (b.rows * b.steps)]) }
            : teacher.forward(x);
          out = {
            x,
            // The student's loss reads labels in its own vocabulary.
            labels: labelMap ? tf.gather(labelMap, b.y) : tf.tensor1d(b.y, 'int32'),
            mask: b.mask ? tf.tensor1d(b.mask) : undefined,
            labelMask: b.labelMask ? tf.tensor1d(b.labelMask) : undefined,
            teacherLogits: t.logits,
            teacherFeatures: needFeatures && 'features' in t ? t.features : undefined,
          };
          seen.set(b, out);
        }
        return out;
      });
    },
  };
}
