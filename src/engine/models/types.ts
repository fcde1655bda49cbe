import type * as tf from '@tensorflow/tfjs';

/** What the trainer needs of a network: its weights and a forward pass. */
export interface Model {
  readonly variables: tf.Variable[];
  /** Total number of weights. */
  readonly paramCount: number;
  /** Logits [rows, classes] and the last hidden features [rows, width]. */
  forward(x: tf.Tensor): { logits: tf.Tensor2D; features: tf.Tensor2D };
  dispose(): void;
  /** For models that are tfjs layers models underneath (imported): to save them as they are. */
  layers?: tf.LayersModel;
}
