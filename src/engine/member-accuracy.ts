/**
 * Several teachers (issue 17 §5): each member's own test accuracy, before they are mixed, and
 * how often it agrees with the mix, so the lab can say how the student stands against the best
 * single teacher (not just the mix) and where the members part from the mix.
 */
import * as tf from '@tensorflow/tfjs';
import { forwardInChunks } from './forward';
import type { Model } from './models/types';
import type { TaskData } from './task-data';

export interface MemberTest {
  /** Test accuracy of each member, in order (the chosen teacher first). */
  accuracy: Float32Array;
  /** Each member's class for every test row. */
  classes: Int32Array[];
}

/** Each model's accuracy and classes on `data`'s test rows, read back in one batch. */
export async function memberTest(models: Model[], data: TaskData): Promise<MemberTest> {
  const parts = models.map((m) => {
    const { logits, features } = forwardInChunks(m, data.testX, undefined, data.evalChunk);
    const classes = tf.tidy(() => tf.argMax(logits, -1).toInt());
    const acc = tf.tidy(() => tf.mean(tf.equal(classes, tf.cast(data.testY, 'int32')).toFloat()));
    tf.dispose([logits, features]);
    return { classes, acc };
  });
  const stacked = tf.tidy(() => tf.stack(parts.map((p) => p.classes)));
  const accs = tf.stack(parts.map((p) => p.acc));
  tf.dispose(parts.flatMap((p) => [p.classes, p.acc]));
  const [classes, accuracy] = await Promise.all([stacked.data(), accs.data()]);
  tf.dispose([stacked, accs]);
  const rows = classes.length / models.length;
  return {
    accuracy: accuracy as Float32Array,
    classes: models.map((_, i) => Int32Array.from(classes.subarray(i * rows, (i + 1) * rows))),
  };
}

/** The fraction of rows where each member's class is the mix's. */
export function agreementWithMix(members: Int32Array[], mix: Int32Array): Float32Array {
  const rows = mix.length;
  return Float32Array.from(members, (m) => {
    let same = 0;
    for (let r = 0; r < rows; r++) if (m[r] === mix[r]) same++;
    return rows ? same / rows : NaN;
  });
}
