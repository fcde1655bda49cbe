/**
 * The running per-class teacher–student gap (Σ decayed KL and Σ decayed counts, per class of
 * the teacher), charted at each evaluation and read by gap-aware sampling. It stays on the
 * device: updated inside the step, read with the next evaluation.
 */
import * as tf from '@tensorflow/tfjs';
import { klRows } from '../objectives/divergences';
import type { BatchPlanner } from './batches';
import type { TaskData } from './task-data';

/** Decay of the running per-class gap (an average over roughly the last 100 batches). */
const GAP_DECAY = 0.99;

export class ClassGap {
  private readonly sum: tf.Variable;
  private readonly count: tf.Variable;

  constructor(private readonly classes: number) {
    [this.sum, this.count] = tf.tidy(() => [
      tf.variable(tf.zeros([classes]), false),
      tf.variable(tf.zeros([classes]), false),
    ]);
  }

  reset(): void {
    // assign() keeps its argument alive beside the variable; the tidy disposes the zeros.
    tf.tidy(() => {
      this.sum.assign(tf.zerosLike(this.sum));
      this.count.assign(tf.zerosLike(this.count));
    });
  }

  /**
   * KL(teacher‖student) at T = 1 per row, averaged over lanes, summed into the teacher's class
   * with a decay. No read-back.
   */
  update(teacherLogits: tf.Tensor2D, studentLogits: tf.Tensor2D[]): void {
    tf.tidy(() => {
      const logP = tf.logSoftmax(teacherLogits);
      const perRow = tf.div(
        tf.addN(studentLogits.map((s) => klRows(tf, logP, tf.logSoftmax(s)))),
        studentLogits.length,
      );
      const oneHot = tf.oneHot(tf.argMax(teacherLogits, -1), this.classes);
      this.sum.assign(tf.add(tf.mul(this.sum, GAP_DECAY), tf.sum(tf.mul(oneHot, tf.expandDims(perRow, 1)), 0)));
      this.count.assign(tf.add(tf.mul(this.count, GAP_DECAY), tf.sum(oneHot, 0)));
    });
  }

  /**
   * The gap per class now, as a new tensor. NaN for a class no training batch has measured yet
   * (all of them at step 0): no data is not a gap of 0, and the chart starts at the first real value.
   */
  read(): tf.Tensor {
    return tf.tidy(() =>
      tf.where(
        tf.greater(this.count, 0),
        tf.div(this.sum, tf.maximum(this.count, 1e-6)),
        tf.fill(this.count.shape, NaN),
      ),
    );
  }

  dispose(): void {
    tf.dispose([this.sum, this.count]);
  }
}

/**
 * Gap-aware sampling: classes drawn in proportion to the latest per-class gap (`gap` read back
 * from the last evaluation; absent: nothing new). Off: every row alike.
 */
export function sampleByGap(
  planner: BatchPlanner,
  data: TaskData,
  teacherClasses: Int32Array,
  gap: Float32Array | undefined,
): void {
  if (!data.gapSampling) {
    planner.setClassWeights(null, [], []);
    return;
  }
  if (!gap) return;
  const labels = data.host.trainY ?? new Int32Array(0);
  // A class not measured yet (NaN) is drawn like the class with the largest gap; before any
  // measurement, all classes alike.
  const finite = Array.from(gap).filter(Number.isFinite);
  const unmeasured = finite.length ? Math.max(...finite) : 1;
  planner.setClassWeights(
    Array.from(gap, (g) => (Number.isFinite(g) ? g : unmeasured)),
    Array.from(data.labelled, (i) => labels[i]!),
    Array.from(data.transfer, (i) => teacherClasses[i]!),
  );
}
