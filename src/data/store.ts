/**
 * The user's data files, kept in this browser's IndexedDB (through `idb`) under the SHA-256 of
 * their bytes, so that an experiment naming a file opens again after a reload without asking.
 * The page and the worker both use this module and read the same database; the worker keeps a
 * memory copy of what the page hands it, the page only of what it could not store. When storage is missing (a private window) or full,
 * a file is kept in memory only: the run goes on, and the caller says so.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

export interface StoredDataset {
  sha256: string;
  name: string;
  bytes: number;
  /** The task kind it was brought for (the "My data" list says). */
  kind: string;
  savedAt: number;
}

interface DataDB extends DBSchema {
  meta: { key: string; value: StoredDataset };
  files: { key: string; value: ArrayBuffer };
}

const memory = new Map<string, { meta: StoredDataset; bytes: Uint8Array }>();
let db: Promise<IDBPDatabase<DataDB>> | null = null;

function open(): Promise<IDBPDatabase<DataDB>> {
  if (typeof indexedDB === 'undefined') return Promise.reject(new Error('This browser has no IndexedDB'));
  db ??= openDB<DataDB>('kd-studio-data', 1, {
    upgrade(d) {
      d.createObjectStore('meta', { keyPath: 'sha256' });
      d.createObjectStore('files');
    },
  }).catch((e: unknown) => {
    db = null;
    throw e;
  });
  return db;
}

export type Kept = { where: 'browser' } | { where: 'memory'; reason: string };

/** Why storing failed, in words. */
function storageProblem(e: unknown): string {
  const name = (e as { name?: string }).name;
  if (name === 'QuotaExceededError')
    return 'This browser’s storage is full, so the file is kept in memory only: it is gone after a reload. Delete data under “My data” to make room.';
  return 'This browser does not let the studio store files (a private window?), so the file is kept in memory only: it is gone after a reload.';
}

/** Keeps a file in IndexedDB or, when it cannot, in memory. Never throws. */
export async function saveDataset(meta: StoredDataset, bytes: Uint8Array): Promise<Kept> {
  memory.set(meta.sha256, { meta, bytes });
  try {
    const d = await open();
    const tx = d.transaction(['meta', 'files'], 'readwrite');
    const copy = bytes.slice().buffer;
    await Promise.all([tx.objectStore('files').put(copy, meta.sha256), tx.objectStore('meta').put(meta), tx.done]);
    // Stored: this realm need not hold a second copy of up to 50 MB (the worker keeps its own).
    memory.delete(meta.sha256);
    return { where: 'browser' };
  } catch (e) {
    return { where: 'memory', reason: storageProblem(e) };
  }
}

/** Keeps a file in this realm's memory only (the worker, handed a file by the page). */
export function keepInMemory(meta: StoredDataset, bytes: Uint8Array): void {
  memory.set(meta.sha256, { meta, bytes });
}

/** A file's bytes, from memory or from IndexedDB; undefined if this browser does not have it. */
export async function readDataset(sha256: string): Promise<Uint8Array | undefined> {
  const m = memory.get(sha256);
  if (m) return m.bytes;
  try {
    const buf = await (await open()).get('files', sha256);
    return buf ? new Uint8Array(buf) : undefined;
  } catch {
    return undefined;
  }
}

export async function hasDataset(sha256: string): Promise<boolean> {
  if (memory.has(sha256)) return true;
  try {
    return (await (await open()).getKey('meta', sha256)) !== undefined;
  } catch {
    return false;
  }
}

/** Every stored file (IndexedDB and memory), newest first. */
export async function listDatasets(): Promise<(StoredDataset & { inMemoryOnly: boolean })[]> {
  const stored: StoredDataset[] = await open()
    .then((d) => d.getAll('meta'))
    .catch(() => []);
  const keys = new Set(stored.map((s) => s.sha256));
  const onlyHere = [...memory.values()].map((m) => m.meta).filter((m) => !keys.has(m.sha256));
  return [
    ...stored.map((s) => ({ ...s, inMemoryOnly: false })),
    ...onlyHere.map((s) => ({ ...s, inMemoryOnly: true })),
  ].sort((a, b) => b.savedAt - a.savedAt);
}

export async function deleteDataset(sha256: string): Promise<void> {
  memory.delete(sha256);
  try {
    const tx = (await open()).transaction(['meta', 'files'], 'readwrite');
    await Promise.all([tx.objectStore('files').delete(sha256), tx.objectStore('meta').delete(sha256), tx.done]);
  } catch {
    // Nothing stored to delete.
  }
}
