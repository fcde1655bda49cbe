/** What the image views ask the worker for beyond the logits: a saliency map per model. */
import * as tf from '@tensorflow/tfjs';
import { gradTimesInput } from '../../../engine/evaluation';
import type { Session } from '../../../engine/session';
import type { TaskQueries } from '../../engine-types';

/** Saliency (gradient × input) of one test image for the teacher and every lane. */
export async function saliencyOf(
  session: Session,
  index: number,
): Promise<{ teacher: Float32Array; lanes: Float32Array[]; predicted: number }> {
  const x = tf.slice(session.data.testX, Math.max(0, Math.min(index, session.data.testY.shape[0] - 1)), 1);
  const cls = tf.tidy(() => tf.argMax(session.teacher.model.forward(x).logits, -1) as tf.Tensor1D);
  const maps = [session.teacher.model, ...session.lanes.map((l) => l.student)].map((m) => gradTimesInput(m, x, cls));
  const values = (await Promise.all(maps.map((m) => m.data()))) as Float32Array[];
  const predicted = (await cls.data())[0]!;
  tf.dispose([x, cls, ...maps]);
  return { teacher: values[0]!, lanes: values.slice(1), predicted };
}

/** The image views' questions: a saliency map of one test image per model. */
export const imagesQueries: TaskQueries = {
  saliency: (s, { index }, slice) => slice(() => saliencyOf(s, index)),
};
