/**
 * The image task in Node on the cpu backend, from the files shipped in public/: the data
 * budget, batches, augmentation, saliency, and a few distillation steps of the real teacher.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { IMAGE_CONFIG, type ImageExperiment } from '../tasks/images/defaults';
import { createRng } from '../lib/rng';
import { fsAssets } from '../test/assets';
import { tf, useCpu } from '../test/tf';
import { augmentImages, beta } from '../tasks/images/engine/augment';
import { BatchPlanner } from './batches';
import { gradTimesInput } from './evaluation';
import { createMlp } from './models/mlp';
import { saliencyOf } from '../tasks/images/engine/queries';
import { Session } from './session';
import { loadImages } from '../tasks/images/engine/load';
import { labelledSplit } from '../tasks/images/split';

beforeAll(useCpu);

const small = (over: Partial<ImageExperiment['task']> = {}): ImageExperiment => ({
  ...IMAGE_CONFIG,
  task: { ...IMAGE_CONFIG.task, trainImages: 600, testImages: 200, ...over },
  train: { ...IMAGE_CONFIG.train, batchSize: 16, evalEvery: 5 },
});

describe('data budget and batches', () => {
  it('keeps a stratified fraction of each class labelled, at least one', () => {
    const labels = Array.from({ length: 1000 }, (_, i) => i % 10);
    const { labelled, transfer } = labelledSplit(labels, 10, 0.05, 1);
    expect(labelled.length).toBe(50);
    expect(transfer.length).toBe(950);
    for (let c = 0; c < 10; c++) expect([...labelled].filter((i) => labels[i] === c)).toHaveLength(5);
    expect(labelledSplit(labels, 10, 0.0001, 1).labelled.length).toBe(10);
    expect(labelledSplit(labels, 10, 0.05, 1)).toEqual(labelledSplit(labels, 10, 0.05, 1));
  });
  it('mixes labelled rows (at least a quarter) with transfer rows, and samples by class weight', () => {
    const labelled = Int32Array.from({ length: 10 }, (_, i) => i);
    const transfer = Int32Array.from({ length: 990 }, (_, i) => 10 + i);
    const p = new BatchPlanner(labelled, transfer, 3);
    const b = p.next(64);
    expect(b.labelled.length).toBe(16);
    expect(b.transfer.length).toBe(48);
    expect([...b.labelled].every((i) => i < 10)).toBe(true);
    // All weight on class 7: every row drawn is of class 7.
    const cls = (i: number) => i % 10;
    p.setClassWeights([0, 0, 0, 0, 0, 0, 0, 1, 0, 0], Array.from(labelled, cls), Array.from(transfer, cls));
    const w = p.next(64);
    expect([...w.labelled, ...w.transfer].every((i) => cls(i) === 7)).toBe(true);
  });
});

describe('augmentation', () => {
  it('flips are mirror images, shifts move pixels, mixup mixes, all seeded', async () => {
    const x = tf.tidy(() => tf.div(tf.range(0, 2 * 28 * 28).reshape([2, 28, 28, 1]), 2 * 784) as tf.Tensor4D);
    const task = (a: Partial<ImageExperiment['task']['augment']>, mixup = 0) => ({
      ...small().task,
      augment: { shift: 0, flip: false, noise: 0, ...a },
      mixup,
    });
    const flipped = augmentImages(x, task({ flip: true }), createRng(1, 'a'));
    const [fv, xv] = await Promise.all([flipped.data(), x.data()]);
    for (let img = 0; img < 2; img++) {
      const same = fv[img * 784] === xv[img * 784];
      const mirrored = fv[img * 784] === xv[img * 784 + 27];
      expect(same || mirrored).toBe(true);
    }
    const shifted = augmentImages(x, task({ shift: 2 }), createRng(1, 'b'));
    const again = augmentImages(x, task({ shift: 2 }), createRng(1, 'b'));
    expect([...(await shifted.data())]).toEqual([...(await again.data())]);
    const mixed = augmentImages(x, task({}, 0.4), createRng(1, 'c'));
    const mv = await mixed.data();
    expect(Math.min(...mv)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...mv)).toBeLessThanOrEqual(1);
    [x, flipped, shifted, again, mixed].forEach((t) => t.dispose());
    const rng = createRng(2, 'beta');
    const draws = Array.from({ length: 2000 }, () => beta(0.4, rng));
    expect(draws.every((d) => d >= 0 && d <= 1)).toBe(true);
    expect(draws.reduce((a, b) => a + b) / draws.length).toBeCloseTo(0.5, 1);
  });
});

describe('saliency', () => {
  it('gradient × input of a linear model is w_c ⊙ x (hand computation)', async () => {
    const model = createMlp({ kind: 'mlp', hidden: [], activation: 'relu' }, 3, 2, createRng(1, 'lin'), 'lin');
    model.variables[0]!.assign(
      tf.tensor2d([
        [1, -2],
        [0.5, 3],
        [-1, 4],
      ]),
    );
    const x = tf.tensor2d([[2, -1, 0.5]]);
    const s = gradTimesInput(model, x, tf.tensor1d([1], 'int32'));
    // class 1: w = [-2, 3, 4]; ⊙ x = [-4, -3, 2]
    expect([...(await s.data())]).toEqual([-4, -3, 2]);
    [x, s].forEach((t) => t.dispose());
    model.dispose();
  });
});

describe('image session (shipped data and teacher)', () => {
  it('loads counts, pixel and label ranges', async () => {
    const d = await loadImages(small().task, 1, fsAssets);
    expect(d.trainX.shape).toEqual([600, 28, 28, 1]);
    expect(d.testX.shape).toEqual([200, 28, 28, 1]);
    const [lo, hi] = await Promise.all([tf.min(d.trainX).data(), tf.max(d.trainX).data()]);
    expect(lo[0]).toBe(0);
    expect(hi[0]).toBe(1);
    expect(Math.max(...d.host.testY)).toBe(9);
    expect(d.labelled.length + d.transfer.length).toBe(600);
    d.dispose();
  });

  it('creates and disposes a session without leaving a tensor behind', async () => {
    // The per-class gap's reset once kept its zeros alive: 2 tensors per session, caught by a sweep.
    const before = tf.memory().numTensors;
    const s = await Session.create(small({ gapSampling: true }), { assets: fsAssets });
    s.trainStep();
    await s.flush();
    await s.resetStudents();
    s.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('distils with augmentation, mixup and gap sampling, without leaks', async () => {
    const cfg = small({
      labelledFraction: 0.1,
      augment: { shift: 2, flip: true, noise: 0.05 },
      mixup: 0.4,
      gapSampling: true,
    });
    const s = await Session.create(cfg, { assets: fsAssets });
    expect(s.teacherMetrics[0]).toBeGreaterThan(0.8); // teacher accuracy on these 200 test images
    s.trainStep();
    const first = await s.flush();
    // Before any training batch the per-class gap is unknown (NaN), not 0.
    expect(first.evals[0]!.step).toBe(0);
    expect([...first.evals[0]!.gap!].every(Number.isNaN)).toBe(true);
    const before = tf.memory().numTensors;
    let evals = 0;
    for (let i = 0; i < 12; i++) {
      s.trainStep();
      if (s.syncPending) {
        const r = await s.flush();
        evals += r.evals.length;
        const e = r.evals.at(-1)!;
        expect(e.gap).toHaveLength(10);
        expect([...e.gap!].every(Number.isFinite)).toBe(true);
        expect([...e.values].every(Number.isFinite)).toBe(true); // incl. saliency cosine and Spearman
        expect(e.values).toHaveLength(s.evalColumns.length);
      }
    }
    await s.flush();
    expect(evals).toBe(2);
    expect(tf.memory().numTensors).toBe(before);
    const sal = await saliencyOf(s, 3);
    expect(sal.teacher).toHaveLength(784);
    s.dispose();
  });
});
