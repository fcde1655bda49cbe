/** Several teachers as one (issue 17 §5): the engine's mix is the host's, and a session learns from it. */
import { beforeAll, describe, expect, it } from 'vitest';
import { lane } from '../../config/lanes';
import { validateConfig, type ExperimentConfig } from '../../config/schema';
import { mixTeachers, TEACHER_MIXES } from '../../lib/ensemble';
import { createRng } from '../../lib/rng';
import { countTeacherMap } from '../../lib/teacher-map';
import { IMAGE_CONFIG } from '../../tasks/images/defaults';
import { fsAssets } from '../../test/assets';
import { tf, useCpu } from '../../test/tf';
import { Session } from '../session';
import { mixModels } from './ensemble-model';
import type { Model } from './types';

beforeAll(useCpu);

/** A "model" that returns fixed logits, whatever the input. */
const fixed = (logits: Float32Array, rows: number, classes: number): Model => ({
  variables: [],
  paramCount: 0,
  forward: () => ({ logits: tf.tensor2d(logits, [rows, classes]), features: tf.zeros([rows, 1]) as tf.Tensor2D }),
  dispose: () => undefined,
});

describe('mixModels', () => {
  it('mixes on the device exactly as the host mixes (label-free)', async () => {
    const rng = createRng(7, 'mix');
    const [rows, classes] = [6, 4];
    const teachers = [0, 1, 2].map(() => Float32Array.from({ length: rows * classes }, () => (rng.next() - 0.5) * 8));
    for (const mix of TEACHER_MIXES) {
      const model = mixModels(
        teachers.map((t) => fixed(t, rows, classes)),
        mix,
      );
      const out = model.forward(tf.zeros([rows, 1]));
      const got = await out.logits.data();
      tf.dispose([out.logits, out.features]);
      const want = mixTeachers(teachers, classes, mix).logits;
      got.forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 4));
    }
  });

  it('a session distils from the three shipped Fashion teachers averaged, and is stamped by all three', async () => {
    const base: ExperimentConfig = {
      ...IMAGE_CONFIG,
      task: { ...IMAGE_CONFIG.task, trainImages: 500, testImages: 200 },
      lanes: [lane('hinton')],
      train: { ...IMAGE_CONFIG.train, evalEvery: 10 },
    };
    const v = validateConfig({
      ...base,
      teacher: {
        ...base.teacher,
        ensemble: {
          with: [
            { kind: 'pretrained', id: 'fashion-cnn-xs' },
            { kind: 'pretrained', id: 'fashion-cnn-xxs' },
          ],
          mix: 'average',
        },
      },
    });
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    (await Session.create(base, { assets: fsAssets })).dispose();
    let before = tf.memory().numTensors;
    const single = await Session.create(base, { assets: fsAssets });
    const singleHash = single.teacher.weightsHash;
    single.dispose();
    // An image session leaves the same few tensors behind with one teacher (on main too): the
    // mix adds none of its own.
    const singleLeft = tf.memory().numTensors - before;
    expect(singleLeft).toBeLessThanOrEqual(2);
    before = tf.memory().numTensors;
    const s = await Session.create(v.config, { assets: fsAssets });
    expect(s.teacher.weightsHash).toMatch(/^[0-9a-f]{12}$/);
    expect(s.teacher.weightsHash).not.toBe(singleHash);
    expect(s.teacher.model.paramCount).toBe(56714 + 14410 + 3722);
    expect(s.teacherMetrics[0]).toBeGreaterThan(0.75);
    // The image-by-image map tells the same story as the summary numbers it was built beside.
    const map = s.teacher.memberMap!;
    const counts = countTeacherMap(map);
    expect(counts.rows).toBe(s.data.host.testY.length);
    counts.differs.forEach((d, i) => expect(1 - d / counts.rows).toBeCloseTo(s.teacher.memberAgreement![i]!, 5));
    counts.right.slice(0, 3).forEach((n, i) => expect(n / counts.rows).toBeCloseTo(s.teacher.memberAccuracy![i]!, 5));
    expect(counts.right[3]! / counts.rows).toBeCloseTo(s.teacherMetrics[0]!, 5);
    for (let i = 0; i < 10; i++) s.trainStep();
    const r = await s.flush();
    expect(r.evals.length).toBeGreaterThan(0);
    s.dispose();
    expect(tf.memory().numTensors - before).toBe(singleLeft);
  });

  it('refuses a teacher of another task in an image mix, with a message', () => {
    const v = validateConfig({
      ...IMAGE_CONFIG,
      teacher: {
        ...IMAGE_CONFIG.teacher,
        ensemble: { with: [{ kind: 'pretrained', id: 'char-transformer' }], mix: 'average' },
      },
    });
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.errors.map((e) => e.message).join(' ')).toMatch(/Fashion-MNIST teachers/);
  });
});
