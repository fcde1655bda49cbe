/** The logits the boundary maps and test-set views draw, read back for every lane. */
import * as tf from '@tensorflow/tfjs';
import type { Session, ViewLogits } from './session';

/**
 * Logits the views draw, for every lane. Toy tasks: the test points and the boundary grid,
 * now. Image tasks: the test set as of the latest evaluation (a forward pass over 2,000
 * images is too dear to repeat four times a second). Text: null.
 */
export async function viewLogits(session: Session): Promise<ViewLogits | null> {
  const d = session.data;
  // Sequence views ask for what they show (samples, next-token distributions) by query: null.
  if (d.host.text) return null;
  const grid = d.grid;
  const tensors = grid
    ? tf.tidy(() => [
        ...session.lanes.map((l) => l.student.forward(d.testX).logits),
        ...session.lanes.map((l) => l.student.forward(grid.x).logits),
      ])
    : session.latestTestLogits.map((t) => tf.clone(t));
  const values = (await Promise.all(tensors.map((t) => t.data()))) as Float32Array[];
  tensors.forEach((t) => t.dispose());
  const n = session.lanes.length;
  return {
    step: grid ? session.step : session.lastEvalStep,
    teacher: { test: session.teacher.testLogitsHost, grid: session.teacher.gridLogitsHost },
    lanes: session.lanes.map((_, i) => ({ test: values[i]!, grid: grid ? values[n + i] : undefined })),
  };
}
