/** What a session gives back: flushed results, view logits; and what it is created with. */
import type * as tf from '@tensorflow/tfjs';
import type { Assets } from './assets';
import type { LossColumn } from './lanes';
import type { Progress } from './teacher';

export interface FlushResult {
  /** The layout of each loss row. */
  columns: LossColumn[];
  /** Step number of each loss row (1-based: the state after that many updates). */
  steps: number[];
  /** Row-major [steps.length, columns.length]. */
  losses: Float32Array;
  /** Held-out metrics: step, row-major [lanes, evalColumns.length] values, per-class gap. */
  evals: { step: number; values: Float32Array; gap?: Float32Array }[];
  /** Set when a loss was not finite: the weights were restored to `restoredStep`. */
  diverged?: { step: number; column: LossColumn; restoredStep: number };
}

/** Logits for the views, on the host: row-major [points, classes]. */
export interface ViewLogits {
  step: number;
  teacher: { test: Float32Array; grid?: Float32Array };
  lanes: { test: Float32Array; grid?: Float32Array }[];
}

export interface SessionOptions {
  /** Where shipped files come from (data sets, pretrained teachers). */
  assets?: Assets;
  onProgress?: (p: Progress) => void;
  /** Asked while the teacher trains: true cancels the build (TeacherCancelled). */
  cancelled?: () => boolean;
  /** A teacher trained here before, as FrozenTeacher.trainedWeights: reused, not trained again. */
  teacherWeights?: Float32Array;
}

export interface PendingEval {
  step: number;
  metrics: tf.Tensor;
  gap?: tf.Tensor;
  saliency?: tf.Tensor;
}
