import type * as tf from '@tensorflow/tfjs';

/** A task's data, on the device. Rows of X pair with entries of y. */
export interface TaskData {
  inputSize: number;
  classes: number;
  trainX: tf.Tensor2D;
  trainY: tf.Tensor1D;
  testX: tf.Tensor2D;
  testY: tf.Tensor1D;
  /** Points of the decision-boundary grid, row-major from the top-left corner (toy tasks). */
  grid?: { x: tf.Tensor2D; size: number; extent: number };
  /** Host copies the views draw (toy tasks: the 2D points themselves). */
  host: { trainX: Float32Array; trainY: Int32Array; testX: Float32Array; testY: Int32Array };
  dispose(): void;
}
