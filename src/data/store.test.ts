import { describe, expect, it } from 'vitest';
import { DatasetRef } from '../config/dataset';
import { sha256Hex } from '../lib/sha256';
import { dataErrorMessage, DatasetMissingError, openDataset } from './open';
import { deleteDataset, hasDataset, listDatasets, readDataset, saveDataset } from './store';

const bytes = new TextEncoder().encode('a,b,label\n1,2,x\n');

describe('data files', () => {
  it('are kept in memory, with a reason, where IndexedDB is missing (Node here; a private window in a browser)', async () => {
    const sha256 = await sha256Hex(bytes);
    const kept = await saveDataset({ sha256, name: 't.csv', bytes: bytes.length, kind: 'table', savedAt: 1 }, bytes);
    expect(kept.where).toBe('memory');
    expect(kept.where === 'memory' && kept.reason).toMatch(/kept in memory only/);
    expect(await hasDataset(sha256)).toBe(true);
    expect(await readDataset(sha256)).toEqual(bytes);
    expect((await listDatasets()).map((d) => [d.name, d.inMemoryOnly])).toEqual([['t.csv', true]]);
    await deleteDataset(sha256);
    expect(await hasDataset(sha256)).toBe(false);
  });

  it('that this browser lacks give a message naming the file, not another data set', async () => {
    const ref = DatasetRef.parse({ name: 'mine.csv', sha256: 'ab'.repeat(32), bytes: 2048 });
    const error = await openDataset(ref, undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetMissingError);
    expect(dataErrorMessage(error, ref)).toBe(
      'This experiment uses your file “mine.csv” (2 kB, SHA-256 abababababab…), which is not in this browser: drop that file in the Data section to continue.',
    );
  });

  it('shipped as samples are read from the app and checked against their hash', async () => {
    const sha256 = await sha256Hex(bytes);
    const assets = { bytes: async () => bytes, json: async () => ({}) as never };
    const ref = { name: 's.csv', sha256, bytes: bytes.length, sample: 'data/s.csv' };
    expect(await openDataset(ref, assets)).toEqual(bytes);
    const wrong = { ...ref, sha256: 'cd'.repeat(32) };
    expect(dataErrorMessage(await openDataset(wrong, assets).catch((e: unknown) => e))).toMatch(/its hash differs/);
  });

  it('never show a raw library error', () => {
    expect(dataErrorMessage(new TypeError('Cannot read properties of undefined'))).toBe(
      'The file could not be read: it is not in a format the studio understands.',
    );
  });
});
