import type { Scalar, Tensor, Tf } from '../objectives/types';

export interface MetricInputs {
  teacherLogits: Tensor;
  studentLogits: Tensor;
  labels: Tensor;
  /** Valid rows (token-mean); absent = all rows. */
  mask?: Tensor;
}

export type MetricFormat = 'percent' | 'nats' | 'unitless' | 'number';

/**
 * A held-out metric: a pure function of teacher outputs, student outputs and labels, computed
 * on the device. Like objectives, metric modules receive tfjs as an argument.
 */
export interface MetricDef {
  id: string;
  label: string;
  /**
   * How readouts print it: a percentage, nats (KL), a unitless fraction to 4 decimals (ECE, a
   * mean gap between accuracy and confidence), or a plain number (perplexity).
   */
  format: MetricFormat;
  /** False for metrics of the teacher alone, which the trainer computes once. */
  dependsOnStudent: boolean;
  compute(tf: Tf, inputs: MetricInputs): Scalar;
}

export const defineMetric = (m: MetricDef): MetricDef => m;
