import { maskedMean } from '../objectives/divergences';
import type { Tensor, Tf } from '../objectives/types';
import { defineMetric } from './types';

/** Share of rows whose arg-max matches the label (ties go to the first index, as tf.argMax). */
export function accuracy(tf: Tf, logits: Tensor, labels: Tensor, mask?: Tensor) {
  const hit = tf.cast(tf.equal(tf.argMax(logits, -1), tf.cast(labels, 'int32')), 'float32');
  return maskedMean(tf, hit, mask);
}

export const studentAccuracy = defineMetric({
  id: 'studentAccuracy',
  label: 'Student accuracy',
  format: 'percent',
  dependsOnStudent: true,
  compute: (tf, { studentLogits, labels, mask }) => accuracy(tf, studentLogits, labels, mask),
});

export const teacherAccuracy = defineMetric({
  id: 'teacherAccuracy',
  label: 'Teacher accuracy',
  format: 'percent',
  dependsOnStudent: false,
  compute: (tf, { teacherLogits, labels, mask }) => accuracy(tf, teacherLogits, labels, mask),
});
