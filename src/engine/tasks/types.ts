import type * as tf from '@tensorflow/tfjs';
import type { StudentVocab } from '../../tasks/text/student-vocab';

/** A task's data, on the device. Rows of X pair with entries of y. */
export interface TaskData {
  kind: 'toy2d' | 'images' | 'text';
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
  /** Host copies the views draw. */
  host: {
    testY: Int32Array;
    /** Toy tasks: the 2D points. */
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
    text?: { ids: Int32Array; trainEnd: number; evalStarts: number[]; vocab: string; student?: StudentVocab };
  };
  dispose(): void;
}
