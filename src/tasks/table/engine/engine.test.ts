/** The table task's engine part in Node: inspect fills in the task, load builds what inspect said, a session distils. */
import { beforeAll, describe, expect, it } from 'vitest';
import { validateConfig } from '../../../config/schema';
import { DataFileError } from '../../../data/open';
import { Session } from '../../../engine/session';
import { fsAssets } from '../../../test/assets';
import { tf, useCpu } from '../../../test/tf';
import { TABLE_CONFIG } from '../defaults';
import type { TableTask } from '../schema';
import { tableEngine } from '.';

beforeAll(useCpu);

const bytes = (text: string) => new TextEncoder().encode(text);
/** Two numeric features, two classes split by x + y. */
const twoFeatures = () => {
  const lines = ['x,y,label'];
  for (let i = 0; i < 80; i++) {
    const x = ((i * 37) % 80) / 40 - 1;
    const y = ((i * 53) % 80) / 40 - 1;
    lines.push(`${x * 10 + 5},${y},${x + y > 0 ? 'up' : 'down'}`);
  }
  return bytes(lines.join('\n'));
};

describe('table engine', () => {
  it('inspect fills in label column, features, classes and names, and keeps the rest of the task', async () => {
    const task: TableTask = {
      ...TABLE_CONFIG.task,
      dataset: { name: 'two.csv', sha256: 'ab'.repeat(32), bytes: 10 },
      labelColumn: '',
    };
    const { task: read, summary } = await tableEngine.inspect!(task, twoFeatures());
    expect(read).toMatchObject({
      labelColumn: 'label',
      features: 2,
      classes: 2,
      classNames: ['down', 'up'],
      testFraction: 0.3,
    });
    expect(summary.examples).toBe(80);
    expect(validateConfig({ ...TABLE_CONFIG, task: read }).ok).toBe(true);
  });

  it('loads the penguins: standardised training features, a stratified test set, the projection for the views', async () => {
    const before = tf.memory().numTensors;
    const data = await tableEngine.load(TABLE_CONFIG.task, 42, fsAssets);
    expect(data.trainX.shape).toEqual([233, 9]);
    expect(data.testX.shape).toEqual([100, 9]);
    expect(data.grid).toBeUndefined();
    // Standardised with training statistics: each numeric training column (after the island's
    // three one-hot columns) has mean 0, deviation 1.
    const x = (await data.trainX.data()) as Float32Array;
    for (const f of [3, 4, 5, 6]) {
      const col = Array.from({ length: 233 }, (_, i) => x[i * 9 + f]!);
      const mean = col.reduce((s, v) => s + v, 0) / col.length;
      expect(mean).toBeCloseTo(0, 5);
      expect(col.reduce((s, v) => s + (v - mean) ** 2, 0) / col.length).toBeCloseTo(1, 4);
    }
    const preview = tableEngine.loadedPreview!(data, TABLE_CONFIG).data;
    expect(preview.kind).toBe('table');
    if (preview.kind !== 'table') return;
    expect(preview.projection!.points).toHaveLength(200);
    expect(preview.projection!.explained[0]).toBeGreaterThan(preview.projection!.explained[1]);
    expect(preview.projection!.explained[0] + preview.projection!.explained[1]).toBeLessThanOrEqual(1);
    data.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('gives a two-feature table the boundary grid, and refuses a config that does not match the file', async () => {
    const assets = { bytes: async () => twoFeatures(), json: async () => ({}) as never };
    const ref = { name: 'two.csv', sha256: 'ab'.repeat(32), bytes: 10, sample: 'data/two.csv' };
    const { task } = await tableEngine.inspect!({ ...TABLE_CONFIG.task, dataset: ref, labelColumn: '' }, twoFeatures());
    // The sample's hash is checked: hand load the hash of these bytes.
    const { sha256Hex } = await import('../../../lib/sha256');
    const named = { ...task, dataset: { ...ref, sha256: await sha256Hex(twoFeatures()) } };
    const data = await tableEngine.load(named, 1, assets);
    expect(data.grid?.size).toBe(64);
    expect(data.grid!.extent).toBeGreaterThan(1);
    const preview = tableEngine.loadedPreview!(data, TABLE_CONFIG).data;
    if (preview.kind === 'table') expect(preview.boundary!.testX).toHaveLength(2 * 24);
    data.dispose();
    await expect(tableEngine.load({ ...named, features: 3 }, 1, assets)).rejects.toBeInstanceOf(DataFileError);
  });

  it('trains the teacher on the labels and distils the penguins into the student', async () => {
    const cfg = {
      ...TABLE_CONFIG,
      teacher: { ...TABLE_CONFIG.teacher, trainSteps: 200 },
      train: { ...TABLE_CONFIG.train, evalEvery: 100 },
    };
    const s = await Session.create(cfg, { assets: fsAssets });
    expect(s.teacherMetrics[0]).toBeGreaterThan(0.95);
    for (let i = 0; i < 200; i++) s.trainStep();
    const r = await s.flush();
    const last = r.evals.at(-1)!;
    const agreement = last.values[s.evalColumns.findIndex((c) => c.id === 'agreement')]!;
    expect(agreement).toBeGreaterThan(0.9);
    s.dispose();
  }, 60_000);
});
