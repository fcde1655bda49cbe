import { beforeAll, describe, expect, it } from 'vitest';
import { tf, useCpu } from '../test/tf';
import { agreement } from './agreement';
import { ece, eceFromConfidence } from './calibration';

beforeAll(useCpu);

describe('ECE (15 bins)', () => {
  it('reference §5: conf [0.95, 0.92, 0.90, 0.85, 0.70, 0.65, 0.55, 0.42], correct [1,1,0,1,1,0,1,0] → 0.355', async () => {
    const r = tf.tidy(() =>
      eceFromConfidence(
        tf,
        tf.tensor1d([0.95, 0.92, 0.9, 0.85, 0.7, 0.65, 0.55, 0.42]),
        tf.tensor1d([1, 1, 0, 1, 1, 0, 1, 0]),
      ),
    );
    expect((await r.data())[0]).toBeCloseTo(0.355, 6);
    r.dispose();
  });
  it('is 0 for a perfectly calibrated model and 1 − conf for a confidently wrong one', async () => {
    // Two rows, softmax max 0.5 each, one right one wrong: one bin, acc 0.5, conf 0.5.
    const calibrated = tf.tidy(() =>
      ece(
        tf,
        tf.tensor2d([
          [0, 0],
          [0, 0],
        ]),
        tf.tensor1d([0, 1], 'int32'),
      ),
    );
    expect((await calibrated.data())[0]).toBeCloseTo(0, 6);
    const wrong = tf.tidy(() => ece(tf, tf.tensor2d([[5, 0]]), tf.tensor1d([1], 'int32')));
    expect((await wrong.data())[0]).toBeCloseTo(1 / (1 + Math.exp(-5)), 5);
    [calibrated, wrong].forEach((t) => t.dispose());
  });
});

describe('top-1 agreement', () => {
  const run = async (zt: number[][], zs: number[][], mask?: number[]) => {
    const r = tf.tidy(() =>
      agreement.compute(tf, {
        teacherLogits: tf.tensor2d(zt),
        studentLogits: tf.tensor2d(zs),
        labels: tf.zeros([zt.length], 'int32') as tf.Tensor1D,
        mask: mask ? tf.tensor1d(mask) : undefined,
      }),
    );
    const v = (await r.data())[0]!;
    r.dispose();
    return v;
  };
  it('reference §5 Ex. 3: z_t = [3, 1, −1, 0], z_s = [1, 2, 0, 0] → 0', async () => {
    expect(await run([[3, 1, -1, 0]], [[1, 2, 0, 0]])).toBe(0);
  });
  it('breaks ties with the first index (Ex. 1: a uniform student picks class 0, as the teacher does) and honours the mask', async () => {
    expect(await run([[2, 1, 0]], [[1, 1, 1]])).toBe(1);
    const zt = [
      [2, 1, 0],
      [3, 1, -1],
      [0, 0, 3],
    ];
    const zs = [
      [1, 1, 1],
      [1, 2, 0],
      [0, 1, 2],
    ];
    expect(await run(zt, zs)).toBeCloseTo(2 / 3, 6);
    expect(await run(zt, zs, [1, 1, 0])).toBeCloseTo(1 / 2, 6);
  });
});
