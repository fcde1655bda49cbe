import { crossEntropyRows, maskedMean } from '../objectives/divergences';
import type { Tensor, Tf } from '../objectives/types';
import { defineMetric } from './types';

/** exp(token-mean cross-entropy of the labels), the language-model perplexity (nats inside). */
export function perplexity(tf: Tf, logits: Tensor, labels: Tensor, mask?: Tensor) {
  return tf.exp(maskedMean(tf, crossEntropyRows(tf, logits, labels), mask));
}

export const studentPerplexity = defineMetric({
  id: 'perplexity',
  label: 'Student perplexity',
  format: 'number',
  dependsOnStudent: true,
  compute: (tf, { studentLogits, labels, mask }) => perplexity(tf, studentLogits, labels, mask),
});

export const teacherPerplexity = defineMetric({
  id: 'teacherPerplexity',
  label: 'Teacher perplexity',
  format: 'number',
  dependsOnStudent: false,
  compute: (tf, { teacherLogits, labels, mask }) => perplexity(tf, teacherLogits, labels, mask),
});
