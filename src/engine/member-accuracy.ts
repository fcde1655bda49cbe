/**
 * Several teachers (issue 17 §5): each member's own test accuracy, before they are mixed, so the
 * lab can say how the student stands against the best single teacher, not just against the mix.
 */
import * as tf from '@tensorflow/tfjs';
import { forwardInChunks } from './forward';
import type { Model } from './models/types';
import type { TaskData } from './task-data';

/** Test accuracy of each model on `data`'s test rows, in order, read back in one batch. */
export async function memberAccuracies(models: Model[], data: TaskData): Promise<Float32Array> {
  const accs = models.map((m) => {
    const { logits, features } = forwardInChunks(m, data.testX, undefined, data.evalChunk);
    const acc = tf.tidy(() => tf.mean(tf.equal(tf.argMax(logits, -1), tf.cast(data.testY, 'int32')).toFloat()));
    tf.dispose([logits, features]);
    return acc;
  });
  const stacked = tf.stack(accs);
  tf.dispose(accs);
  const host = (await stacked.data()) as Float32Array;
  stacked.dispose();
  return host;
}
