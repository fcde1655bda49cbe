/** The worker's tensor memory, for tests and the readouts. */
import * as tf from '@tensorflow/tfjs';

/**
 * The engine's own counters, not tf.memory(), which throws "Backend … has not yet been
 * initialized" before a backend is chosen.
 */
export function engineMemory(): { numTensors: number; numBytes: number } {
  const { numTensors, numBytes } = tf.engine().state;
  return { numTensors, numBytes };
}
