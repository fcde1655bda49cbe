/**
 * Models built the usual way end in a softmax: the studio must find it and read the values
 * before it as logits (exactly the pre-activation), and an imported model's BatchNormalization
 * and Dropout must run in inference mode in a teacher and in training mode in a student's step.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tf, useCpu } from '../../test/tf';
import { loadImported, registerImported } from '../imported';
import { functionalDense, savedFiles, sequentialSeparate, withBatchNormAndDropout } from './layers-fixtures';
import { findLogits } from './output-activation';
import { wrapLayersModel } from './pretrained';

beforeAll(useCpu);

const X = () => tf.tensor2d([0.5, -1, 2, 0.1, -0.3, 0.8, -1.5, 1.2, 1, 1, -1, 0, 0.2, -0.7, 0.4, 2.5], [4, 4]);

/** The values before the output layer's activation, computed by hand from its weights. */
function denseByHand(model: tf.LayersModel, x: tf.Tensor, outName: string): tf.Tensor {
  return tf.tidy(() => {
    const [w1, b1] = model.getLayer('hidden').getWeights();
    const [w2, b2] = model.getLayer(outName).getWeights();
    const hidden = tf.relu(tf.add(tf.matMul(x as tf.Tensor2D, w1 as tf.Tensor2D), b1!));
    return tf.add(tf.matMul(hidden, w2 as tf.Tensor2D), b2!);
  });
}

async function values(t: tf.Tensor): Promise<number[]> {
  const v = Array.from(await t.data());
  t.dispose();
  return v;
}

function expectClose(a: number[], b: number[], digits = 5): void {
  expect(a).toHaveLength(b.length);
  a.forEach((v, i) => expect(v).toBeCloseTo(b[i]!, digits));
}

describe('a final softmax or sigmoid', () => {
  it.each(['softmax', 'sigmoid'] as const)(
    'inside the output Dense of a functional model (%s) is found, and the logits are its pre-activation',
    async (activation) => {
      const model = functionalDense(activation);
      const x = X();
      const before = tf.memory().numTensors;
      const tap = findLogits(model);
      expect(tap.activation).toBe(activation);
      expect(tap.inLayer?.name).toBe('probs');
      const wrapped = wrapLayersModel(model, [4], 3);
      expect(wrapped.outputActivation).toBe(activation);
      const out = tf.tidy(() => wrapped.forward(x));
      const logits = await values(out.logits);
      expect(out.features.shape).toEqual([4, 6]);
      out.features.dispose();
      expectClose(logits, await values(denseByHand(model, x, 'probs')));
      // Not probabilities: a row of softmax outputs would sum to 1.
      expect(Math.abs(logits.slice(0, 3).reduce((a, b) => a + b, 0) - 1)).toBeGreaterThan(0.05);
      // The model itself is untouched: it still applies its activation (and would export it).
      const squash = activation === 'softmax' ? tf.softmax : tf.sigmoid;
      const predicted = await values(model.predict(x) as tf.Tensor);
      expectClose(predicted, await values(tf.tidy(() => squash(denseByHand(model, x, 'probs')))));
      expect(model.getLayer('probs').getConfig()['activation']).toBe(activation);
      expect(tf.memory().numTensors).toBe(before);
      x.dispose();
      model.dispose();
    },
  );

  it.each(['activation', 'softmax'] as const)(
    'as a separate %s layer ending a Sequential is found, and the logits are its input',
    async (kind) => {
      const model = sequentialSeparate(kind);
      const x = X();
      const wrapped = wrapLayersModel(model, [4], 3);
      expect(wrapped.outputActivation).toBe('softmax');
      expect(findLogits(model).inLayer).toBeUndefined();
      const out = tf.tidy(() => wrapped.forward(x));
      // The fallback features are those feeding the logits layer, not the logits themselves.
      expect(out.features.shape).toEqual([4, 6]);
      out.features.dispose();
      expectClose(await values(out.logits), await values(denseByHand(model, x, 'scores')));
      x.dispose();
      model.dispose();
    },
  );

  it('is not reported for a model that outputs logits', async () => {
    const model = functionalDense('linear');
    const x = X();
    const wrapped = wrapLayersModel(model, [4], 3);
    expect(wrapped.outputActivation).toBeUndefined();
    const out = tf.tidy(() => wrapped.forward(x));
    out.features.dispose();
    expectClose(await values(out.logits), await values(model.predict(x) as tf.Tensor));
    x.dispose();
    model.dispose();
  });

  it('is reported on import, for the committed Keras-style fixture too', async () => {
    const registered = await registerImported('tiny', await savedFiles(functionalDense('softmax')), {
      inputShape: [4],
      classes: 3,
    });
    expect(registered.outputActivation).toBe('softmax');
    const dir = join(process.cwd(), 'e2e/fixtures/keras-teacher');
    const bin = readFileSync(join(dir, 'weights.bin'));
    const fixture = await registerImported(
      'keras-teacher',
      {
        modelJson: readFileSync(join(dir, 'model.json'), 'utf8'),
        weights: [bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength) as ArrayBuffer],
      },
      { inputShape: [28, 28, 1], classes: 10 },
    );
    expect(fixture).toMatchObject({ outputActivation: 'softmax', featureDim: 392 });
  });
});

describe('BatchNormalization and Dropout', () => {
  it('run in inference mode in a teacher, and in training mode only in a student’s step', async () => {
    const info = await registerImported('bn-dropout', await savedFiles(withBatchNormAndDropout()), {
      inputShape: [4],
      classes: 3,
    });
    const spec = { kind: 'imported' as const, ...info };
    const teacher = await loadImported(spec, [4], 3, false);
    const student = await loadImported(spec, [4], 3, true);
    const x = X();
    const before = tf.memory().numTensors;
    const logits = async (m: typeof teacher, training?: boolean) =>
      values(tf.tidy(() => m.forward(x, training).logits));

    // The teacher ignores a training flag: moving statistics, no dropout, the same every time.
    const inference = await logits(teacher);
    expectClose(await logits(teacher, true), inference, 6);
    // A student evaluates in inference mode: it starts as the same model, so the same logits.
    expectClose(await logits(student), inference, 6);
    expectClose(await logits(student, false), inference, 6);

    // The student's moving statistics are its state (checkpointed), not trainable variables.
    expect(student.state?.map((v) => v.name.split('/').at(-1)?.replace(/_\d+$/, ''))).toEqual([
      'moving_mean',
      'moving_variance',
    ]);
    expect(student.variables.some((v) => v.name.includes('moving'))).toBe(false);
    const movingMean = await values(tf.clone(student.state![0]!));

    // A training step's forward: batch statistics and dropped units change the logits, and
    // the moving statistics move.
    const training = await logits(student, true);
    expect(training.some((v, i) => Math.abs(v - inference[i]!) > 1e-3)).toBe(true);
    const moved = await values(tf.clone(student.state![0]!));
    expect(moved.some((v, i) => Math.abs(v - movingMean[i]!) > 1e-6)).toBe(true);
    // The teacher's did not (its copy is its own).
    expectClose(await logits(teacher), inference, 6);

    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    teacher.dispose();
    student.dispose();
  });
});
