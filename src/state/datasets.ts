/**
 * The page's side of the user's data files: hashing a dropped file, keeping it (IndexedDB, or
 * memory when storage fails), handing the worker its copy, and the "My data" list. A task's
 * Data fields call `bringFile` and then the worker's `inspectData` to fill in the task.
 */
import { create } from 'zustand';
import { describeDataset, MAX_DATASET_BYTES, type DatasetRef } from '../config/dataset';
import { deleteDataset, hasDataset, listDatasets, saveDataset, type StoredDataset } from '../data/store';
import { sha256Hex } from '../lib/sha256';
import { studio } from './studio';

export type ListedDataset = StoredDataset & { inMemoryOnly: boolean };

interface DatasetsState {
  list: ListedDataset[];
  /** Why the last file is kept in memory only, if it is. */
  storageNotice: string | null;
  refresh(): Promise<void>;
  remove(sha256: string): Promise<void>;
}

export const useDatasetsStore = create<DatasetsState>((set, get) => ({
  list: [],
  storageNotice: null,
  async refresh() {
    set({ list: await listDatasets() });
  },
  async remove(sha256) {
    await deleteDataset(sha256);
    await get().refresh();
  },
}));

/** What the user dropped or picked: a name and its bytes (a dropped folder arrives packed). */
export interface BroughtFile {
  name: string;
  bytes: Uint8Array;
}

export type Brought = { ok: true; ref: DatasetRef } | { ok: false; error: string };

/**
 * Keeps a file the user brought for task `kind` and gives the worker its copy. With `expected`
 * (a link named the file), the file must be that one: same SHA-256.
 */
export async function bringFile(file: BroughtFile, kind: string, expected?: DatasetRef): Promise<Brought> {
  if (file.bytes.length === 0) return { ok: false, error: `“${file.name}” is empty.` };
  if (file.bytes.length > MAX_DATASET_BYTES)
    return {
      ok: false,
      error: `“${file.name}” is ${(file.bytes.length / 1024 / 1024).toFixed(1)} MB: the studio reads files of up to ${MAX_DATASET_BYTES / 1024 / 1024} MB.`,
    };
  const sha256 = await sha256Hex(file.bytes);
  if (expected && expected.sha256 !== sha256)
    return {
      ok: false,
      error: `“${file.name}” is not the file this experiment names: it expects ${describeDataset(expected)}, and this file’s SHA-256 begins ${sha256.slice(0, 12)}.`,
    };
  const meta: StoredDataset = { sha256, name: file.name, bytes: file.bytes.length, kind, savedAt: Date.now() };
  const kept = await saveDataset(meta, file.bytes);
  useDatasetsStore.setState({ storageNotice: kept.where === 'memory' ? kept.reason : null });
  await studio.provideDataset(meta, file.bytes);
  void useDatasetsStore.getState().refresh();
  return { ok: true, ref: { name: file.name, sha256, bytes: file.bytes.length } };
}

/**
 * Whether this browser can open the file a config names: a shipped sample always can; a file
 * the user brought must be kept here. A kept file is handed to the worker (after a reload the
 * worker could read IndexedDB itself, but memory-only files exist only on this page).
 */
export async function datasetAvailable(ref: DatasetRef): Promise<boolean> {
  if (ref.sample) return true;
  return hasDataset(ref.sha256);
}
