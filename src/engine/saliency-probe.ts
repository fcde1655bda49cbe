/**
 * The saliency probe: a few test images, the teacher's class for each and the teacher's
 * gradient × input maps, made once per session; every evaluation compares each lane's maps to
 * the teacher's (engine/evaluation.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { foreground as foregroundPixels } from '../lib/attribution';
import { PROBE_SIZE, gradTimesInput } from './evaluation';
import type { TaskData } from './task-data';
import type { FrozenTeacher } from './teacher';

export interface SaliencyProbe {
  x: tf.Tensor;
  classes: tf.Tensor1D;
  teacher: Float32Array;
  foreground: Int32Array[];
}

export async function makeSaliencyProbe(data: TaskData, teacher: FrozenTeacher): Promise<SaliencyProbe> {
  const x = tf.slice(data.testX, 0, PROBE_SIZE);
  const classes = tf.tidy(() => tf.argMax(tf.slice(teacher.testLogits, 0, PROBE_SIZE), -1) as tf.Tensor1D);
  const maps = tf.tidy(() => tf.reshape(gradTimesInput(teacher.model, x, classes), [PROBE_SIZE, -1]));
  // Each probe image's foreground (non-zero pixels): the maps are compared there only
  // (with no host copy of the pixels, over all of them).
  const pixels = data.host.testImages;
  const size = pixels ? pixels.length / data.host.testY.length : 0;
  const foreground = pixels
    ? Array.from({ length: PROBE_SIZE }, (_, i) => foregroundPixels(pixels, 0, i * size, size))
    : [];
  const probe = { x, classes, teacher: (await maps.data()) as Float32Array, foreground };
  maps.dispose();
  return probe;
}

export const disposeProbe = (p: SaliencyProbe): void => tf.dispose([p.x, p.classes]);
