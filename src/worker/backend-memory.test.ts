/**
 * Auto's remembered choice (issue 15, item 4): keyed on the model and the device, taken without
 * a trial by a new worker, forgotten on "Choose again", and a damaged entry is ignored (and
 * deleted) so that the trial runs again. On the cpu backend, with a Map for IndexedDB.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { TOY_CONFIG } from '../tasks/toy2d/defaults';
import { TEXT_CONFIG } from '../tasks/text/defaults';
import { tf, useCpu } from '../test/tf';
import { workloadOf } from '../engine/workload';
import type { BackendInfo } from '../engine/backend';
import { BackendKeeper } from './backend-keeper';
import { memoryKey, modelSignature, parseRemembered, thisDevice, type ChoiceStore } from './backend-memory';
import type { EngineEvent } from './protocol';

beforeAll(useCpu);

function mapStore(): ChoiceStore & { map: Map<string, unknown> } {
  const map = new Map<string, unknown>();
  return {
    map,
    get: async (k) => map.get(k),
    put: async (k, v) => void map.set(k, v),
    delete: async (k) => void map.delete(k),
  };
}

/** One worker's keeper: the backend info it announces for the toy experiment on Auto. */
async function choose(store: ChoiceStore, cfg = TOY_CONFIG): Promise<{ info: BackendInfo; events: EngineEvent[] }> {
  const events: EngineEvent[] = [];
  const keeper = new BackendKeeper(
    (e) => events.push(e),
    () => undefined,
    store,
  );
  await keeper.ensure('auto', workloadOf(cfg), { signature: modelSignature(cfg) });
  const info = events.findLast((e) => e.type === 'backend')!;
  return { info: (info as { info: BackendInfo }).info, events };
}

describe('the remembered backend', () => {
  it('keys on the model and batch, and on the device', () => {
    const device = thisDevice(null);
    const toy = memoryKey(modelSignature(TOY_CONFIG), device);
    expect(memoryKey(modelSignature(TOY_CONFIG), device)).toBe(toy);
    expect(memoryKey(modelSignature(TEXT_CONFIG), device)).not.toBe(toy);
    const bigger = { ...TOY_CONFIG, train: { ...TOY_CONFIG.train, batchSize: TOY_CONFIG.train.batchSize * 2 } };
    expect(memoryKey(modelSignature(bigger), device)).not.toBe(toy);
    const student = { ...TOY_CONFIG, student: { ...TOY_CONFIG.student, hidden: [7] } };
    expect(memoryKey(modelSignature(student as typeof TOY_CONFIG), device)).not.toBe(toy);
    expect(memoryKey(modelSignature(TOY_CONFIG), { ...device, cores: device.cores + 2 })).not.toBe(toy);
    expect(memoryKey(modelSignature(TOY_CONFIG), { ...device, gpu: 'Apple M2' })).not.toBe(toy);
    expect(memoryKey(modelSignature(TOY_CONFIG), { ...device, isolated: !device.isolated })).not.toBe(toy);
    // What the learning rate or the seed is does not decide which backend is fastest.
    const lr = { ...TOY_CONFIG, seed: 99, train: { ...TOY_CONFIG.train, lr: 0.5 } };
    expect(memoryKey(modelSignature(lr), device)).toBe(toy);
  });

  it('reads an entry through its schema: anything damaged is no choice', () => {
    expect(parseRemembered({ version: 1, name: 'wasm', threads: true, savedAt: 1 })).toEqual({
      name: 'wasm',
      threads: true,
    });
    expect(parseRemembered({ version: 1, name: 'cpu', savedAt: 1 })).toEqual({ name: 'cpu' });
    for (const bad of [
      null,
      'wasm',
      { version: 1, name: 'auto', savedAt: 1 },
      { version: 1, name: 'quantum', savedAt: 1 },
      { version: 0, name: 'cpu', savedAt: 1 },
      { version: 1, name: 'cpu' },
      { version: 1, name: 'cpu', threads: 'yes', savedAt: 1 },
    ])
      expect(parseRemembered(bad), JSON.stringify(bad)).toBeNull();
  });

  it('is taken by the next worker without a trial, until it is forgotten', async () => {
    const store = mapStore();
    const first = await choose(store);
    expect(first.info.trials.some((t) => t.msPerStep !== undefined)).toBe(true);
    expect(first.info.remembered).toBeUndefined();
    expect(store.map.size).toBe(1);

    const second = await choose(store);
    expect(second.info).toMatchObject({ name: first.info.name, remembered: true, trials: [] });
    // No trial: nothing said it was timing a backend.
    expect(second.events.filter((e) => e.type === 'status')).toEqual([]);

    // "Choose again".
    const events: EngineEvent[] = [];
    const keeper = new BackendKeeper(
      (e) => events.push(e),
      () => undefined,
      store,
    );
    await keeper.ensure('auto', workloadOf(TOY_CONFIG), { signature: modelSignature(TOY_CONFIG) });
    await keeper.forget();
    expect(store.map.size).toBe(0);
    const third = await choose(store);
    expect(third.info.remembered).toBeUndefined();
    expect(third.info.trials.length).toBeGreaterThan(0);
    await tf.setBackend('cpu');
  });

  it('ignores and deletes a damaged entry, then runs the trial and stores a good one', async () => {
    const store = mapStore();
    await choose(store);
    const [key] = [...store.map.keys()];
    store.map.set(key!, { version: 1, name: 'quantum', savedAt: 'yesterday' });
    const after = await choose(store);
    expect(after.info.remembered).toBeUndefined();
    expect(after.info.trials.some((t) => t.msPerStep !== undefined)).toBe(true);
    expect(parseRemembered(store.map.get(key!))).toEqual({ name: after.info.name });
  });

  it('does not remember a hand-chosen backend', async () => {
    const store = mapStore();
    const keeper = new BackendKeeper(
      () => undefined,
      () => undefined,
      store,
    );
    await keeper.ensure('cpu', workloadOf(TOY_CONFIG), { signature: modelSignature(TOY_CONFIG) });
    expect(store.map.size).toBe(0);
  });
});
