import { beforeAll, describe, expect, it } from 'vitest';
import { tf, useCpu } from '../test/tf';
import { buildOptimizer, disposeOptimizer, setLearningRate } from './optim';

beforeAll(useCpu);

describe('optimisers', () => {
  for (const optimizer of ['adam', 'sgd'] as const) {
    it(`${optimizer}: a live learning-rate change takes effect, and disposal frees everything`, async () => {
      const before = tf.memory().numTensors;
      const v = tf.tidy(() => tf.variable(tf.scalar(1)));
      const opt = buildOptimizer({ optimizer, lr: 0.1, momentum: 0 });
      const step = async () => {
        const old = (await v.data())[0]!;
        opt.minimize(() => tf.mul(v, 1) as tf.Scalar, false, [v]); // gradient 1
        return old - (await v.data())[0]!;
      };
      expect(await step()).toBeCloseTo(0.1, 5);
      setLearningRate(opt, 0.01);
      const second = await step();
      // SGD moves exactly lr·grad; Adam's first steps move about lr.
      expect(second).toBeCloseTo(0.01, optimizer === 'sgd' ? 6 : 3);
      disposeOptimizer(opt);
      v.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});
