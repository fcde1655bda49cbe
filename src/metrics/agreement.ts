import { maskedMean } from '../objectives/divergences';
import { defineMetric } from './types';

/** Top-1 agreement: share of rows where teacher and student pick the same class. */
export const agreement = defineMetric({
  id: 'agreement',
  label: 'Agreement',
  format: 'percent',
  dependsOnStudent: true,
  compute(tf, { teacherLogits, studentLogits, mask }) {
    const same = tf.cast(tf.equal(tf.argMax(teacherLogits, -1), tf.argMax(studentLogits, -1)), 'float32');
    return maskedMean(tf, same, mask);
  },
});
