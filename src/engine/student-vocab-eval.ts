/**
 * A student with a vocabulary of its own (cross-vocabulary distillation): teacher id → student
 * id, and the held-out labels and teacher logits in the student's vocabulary (the teacher's
 * probabilities summed over the characters the student merges), so every metric compares like
 * with like. The teacher's metrics are measured again in that vocabulary.
 */
import * as tf from '@tensorflow/tfjs';
import type { TaskData } from './task-data';
import { teacherMetricsTensor, type FrozenTeacher } from './teacher';

export interface StudentVocabEval {
  map: tf.Tensor1D;
  evalLabels: tf.Tensor1D;
  evalTeacher: tf.Tensor2D;
}

export async function studentVocabEval(
  data: TaskData,
  teacher: FrozenTeacher,
  teacherToStudent: Int32Array,
): Promise<StudentVocabEval> {
  const map = tf.tensor1d(teacherToStudent, 'int32');
  const [evalLabels, evalTeacher] = tf.tidy(() => [
    tf.gather(map, data.testY) as tf.Tensor1D,
    inStudentVocab(teacher.testLogits, teacherToStudent),
  ]);
  const m = teacherMetricsTensor(data.kind, evalTeacher, evalLabels);
  teacher.metrics = (await m.data()) as Float32Array;
  m.dispose();
  return { map, evalLabels, evalTeacher };
}

/** The teacher's logits as log-probabilities in the student's vocabulary: probabilities summed over merged characters. */
export function inStudentVocab(teacherLogits: tf.Tensor2D, teacherToStudent: Int32Array): tf.Tensor2D {
  return tf.tidy(() => {
    const merge = tf.oneHot(tf.tensor1d(teacherToStudent, 'int32'), Math.max(...teacherToStudent) + 1).toFloat();
    const probs = tf.matMul(tf.softmax(teacherLogits), merge as tf.Tensor2D);
    return tf.log(tf.maximum(probs, 1e-12)) as tf.Tensor2D;
  });
}
