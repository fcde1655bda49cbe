import type * as tf from '@tensorflow/tfjs';

/** What the trainer needs of a network: its weights and a forward pass. */
export interface Model {
  readonly variables: tf.Variable[];
  /** Total number of weights. */
  readonly paramCount: number;
  /**
   * Logits [rows, classes] and the last hidden features [rows, width]. `training` is set only
   * for a student's own training step (layers such as BatchNormalization and Dropout then use
   * batch statistics and drop units); a teacher, an evaluation or a probe leaves it off.
   */
  forward(x: tf.Tensor, training?: boolean): { logits: tf.Tensor2D; features: tf.Tensor2D };
  /**
   * Variables that training changes without a gradient (BatchNormalization's moving mean and
   * variance): checkpointed with the trainable ones, so a divergence restores them too.
   */
  readonly state?: tf.Variable[];
  dispose(): void;
  /** For models that are tfjs layers models underneath (imported): to save them as they are. */
  layers?: tf.LayersModel;
}
