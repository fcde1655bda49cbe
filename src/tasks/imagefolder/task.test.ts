/**
 * The image-folder task's pure part and its models: the shipped sample is the one the defaults
 * name, and a CNN teacher trains on 32×32 colour images as well as on 28×28 grey ones.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cnnShapes } from '../../config/sizes';
import { createCnn } from '../../engine/models/cnn';
import { createRng } from '../../lib/rng';
import { crossEntropyRows } from '../../objectives/divergences';
import { tf, useCpu } from '../../test/tf';
import { taskDef } from '../registry';
import { IMAGEFOLDER_CONFIG, IMAGEFOLDER_SAMPLE } from './defaults';
import { readFolderZip } from './folder';

describe('the shipped sample folder', () => {
  it('is the file the defaults name, with the classes and count they record', () => {
    const ref = IMAGEFOLDER_SAMPLE.ref;
    const bytes = readFileSync(fileURLToPath(new URL(`../../../public/${ref.sample}`, import.meta.url)));
    expect(bytes.length).toBe(ref.bytes);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(ref.sha256);
    const listing = readFolderZip(new Uint8Array(bytes));
    expect(listing.classNames).toEqual(IMAGEFOLDER_CONFIG.task.classNames);
    expect(listing.images).toHaveLength(IMAGEFOLDER_CONFIG.task.images);
    expect(listing.notImages).toEqual([]);
  });
});

describe('shapes from the config', () => {
  it('answers input shape and classes from the fields the file filled in', () => {
    const def = taskDef('imagefolder');
    const task = { ...IMAGEFOLDER_CONFIG.task, size: 32 as const, channels: 3 as const };
    expect(def.inputShape(task)).toEqual([32, 32, 3]);
    expect(def.classes(task)).toBe(4);
    expect(def.checkModels({ ...IMAGEFOLDER_CONFIG, task })).toEqual([]);
    expect(def.checkModels({ ...IMAGEFOLDER_CONFIG, task: { ...task, classes: 5 } })).toHaveLength(1);
  });

  it('trains a CNN teacher on 32×32×3 images without leaking tensors', async () => {
    await useCpu();
    const spec = { kind: 'cnn', filters: [8, 16], hidden: [32], activation: 'relu' } as const;
    const shapes = cnnShapes({ ...spec, filters: [...spec.filters], hidden: [...spec.hidden] }, [32, 32, 3], 4);
    expect(shapes.flatFeatures).toBe(8 * 8 * 16);
    const model = createCnn(
      { ...spec, filters: [...spec.filters], hidden: [...spec.hidden] },
      [32, 32, 3],
      4,
      createRng(1, 'teacher'),
      'teacher',
    );
    const before = tf.memory().numTensors;
    const x = tf.randomUniform([6, 32, 32, 3], 0, 1, 'float32', 3);
    const y = tf.tensor1d([0, 1, 2, 3, 0, 1], 'int32');
    const opt = tf.train.adam(0.01);
    const losses: number[] = [];
    for (let i = 0; i < 20; i++) {
      const loss = opt.minimize(
        () => tf.mean(crossEntropyRows(tf, model.forward(x).logits, y)) as tf.Scalar,
        true,
        model.variables,
      )!;
      losses.push((await loss.data())[0]!);
      loss.dispose();
    }
    expect(losses.at(-1)!).toBeLessThan(losses[0]! * 0.5);
    const logits = tf.tidy(() => model.forward(x).logits);
    expect(logits.shape).toEqual([6, 4]);
    tf.dispose([logits, x, y]);
    opt.dispose();
    expect(tf.memory().numTensors).toBeLessThanOrEqual(before + model.variables.length * 2);
    model.dispose();
  });
});
