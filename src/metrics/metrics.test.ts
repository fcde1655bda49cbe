import { beforeAll, describe, expect, it } from 'vitest';
import { tf, useCpu } from '../test/tf';
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
