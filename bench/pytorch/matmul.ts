/**
 * GFLOP/s of an n×n float32 matMul on the current tfjs backend (2n³ flops per product), median
 * of 7 rounds of at least 200 ms, each product read back before the next round ends. The
 * counterpart of blas.py's number for torch, so the two libraries' raw speed sits next to the
 * KD-step ratio.
 */
import * as tf from '@tensorflow/tfjs';

export async function tfjsMatMulGflops(n = 512): Promise<number> {
  const [a, b] = tf.tidy(() => [tf.randomNormal([n, n]), tf.randomNormal([n, n])]);
  const once = async (reps: number) => {
    const out = tf.tidy(() => tf.stack(Array.from({ length: reps }, () => tf.sum(tf.matMul(a!, b!)))));
    await out.data();
    out.dispose();
  };
  await once(3);
  const rounds: number[] = [];
  for (let r = 0; r < 7; r++) {
    let reps = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < 200) {
      await once(4);
      reps += 4;
    }
    rounds.push((2 * n ** 3 * reps) / ((performance.now() - t0) / 1000) / 1e9);
  }
  tf.dispose([a!, b!]);
  return rounds.sort((x, y) => x - y)[3]!;
}
