/**
 * What a task's engine part hands the training loop: its tensors, its data budget, host copies
 * for the views, and the parts of the loop it switches on. The session reads these fields, never
 * the task's kind, so a new task adds what it needs here and the loop stays the same.
 */
import type * as tf from '@tensorflow/tfjs';
import type { Rng } from '../lib/rng';
import type { Model } from './models/types';
import type { Progress } from './teacher';
import type { StepSourceFactory } from './step-source';
import type { TaskKind } from '../tasks/registry';
import type { StudentVocab } from '../tasks/text/student-vocab';

/** A task's data, on the device. Rows of X pair with entries of y. */
export interface TaskData {
  kind: TaskKind;
  /** Shape of one example, e.g. [2] or [28, 28, 1]. */
  inputShape: number[];
  classes: number;
  trainX: tf.Tensor;
  trainY: tf.Tensor1D;
  testX: tf.Tensor;
  testY: tf.Tensor1D;
  /** Training rows that keep their labels, and the unlabelled transfer set (the data budget). */
  labelled: Int32Array;
  transfer: Int32Array;
  /** Points of the decision-boundary grid, row-major from the top-left corner (toy tasks). */
  grid?: { x: tf.Tensor2D; size: number; extent: number };
  /** Host copies the views draw (and lean batches are built from: engine/host-batch.ts). */
  host: {
    testY: Int32Array;
    /** Toy tasks: the 2D points; tables: the encoded rows. */
    trainX?: Float32Array;
    trainY?: Int32Array;
    testX?: Float32Array;
    /** Image tasks: the raw test images (uint8, N×H×W) and class names. */
    testImages?: Uint8Array;
    classNames?: string[];
    /**
     * Text: the corpus as ids, where the held-out tail begins, the start of each evaluation
     * window (testX row), the vocabulary (characters in id order), and the student's own
     * vocabulary when it has one.
     */
    text?: {
      ids: Int32Array;
      trainEnd: number;
      evalStarts: number[];
      vocab: string;
      student?: StudentVocab;
      /** A filled teacher-output pool: its windows, stored bytes and truncated mass (the readout). */
      pool?: { windows: number; bytes: number; truncatedMass: number };
    };
  };
  /**
   * Varies the transfer rows of a batch (augmentation, mixup); each varied row gets a fresh
   * teacher pass. Absent when the task's settings vary nothing.
   */
  augment?: (x: tf.Tensor, rng: Rng) => tf.Tensor;
  /** Keep a running per-class teacher–student gap (charted, and read by gap-aware sampling). */
  perClassGap?: boolean;
  /** Draw classes in proportion to that gap. */
  gapSampling?: boolean;
  /** Keep a saliency probe and chart the students' saliency agreement with the teacher. */
  saliencyProbe?: boolean;
  /** Step batches made per step (token windows), instead of rows of the training set. */
  stepSource?: StepSourceFactory;
  /**
   * The batch of teacher training step `step`, made per step (a language task's corpus
   * windows, one label per token), instead of rows of the training set.
   */
  teacherBatch?: (step: number, seed: number) => { x: tf.Tensor; y: tf.Tensor1D };
  /** Rows per forward pass when evaluating (long sequences are evaluated in chunks). */
  evalChunk?: number;
  /**
   * Work once the teacher is ready and before any step, with progress and Cancel (throws a
   * TeacherCancelled): a language task's teacher-output pool is filled here.
   */
  prepare?: (
    teacher: Model,
    seed: number,
    onProgress?: (p: Progress) => void,
    cancelled?: () => boolean,
  ) => Promise<void>;
  /**
   * Training examples evaluated beside the held-out set, with the teacher's logits on them
   * (set by `prepare`: a pool's first windows, where the students can memorise their teacher).
   */
  trainProbe?: { x: tf.Tensor; labels: tf.Tensor1D; teacherLogits: tf.Tensor2D };
  /**
   * The logits of the model that defines the task on the held-out set (the oracle task's
   * oracle): each evaluation measures KL(it‖student) beside the distance to the teacher.
   */
  golden?: tf.Tensor2D;
  dispose(): void;
}
