import { klRows, maskedMean } from '../objectives/divergences';
import { defineMetric } from './types';

/** KL(teacher‖student) at T = 1, summed over classes, mean over rows, in nats. */
export const klTeacherStudent = defineMetric({
  id: 'kl',
  label: 'KL(teacher‖student)',
  format: 'nats',
  dependsOnStudent: true,
  compute(tf, { teacherLogits, studentLogits, mask }) {
    return maskedMean(tf, klRows(tf, tf.logSoftmax(teacherLogits), tf.logSoftmax(studentLogits)), mask);
  },
});
