/**
 * Run history in IndexedDB (through `idb`): every run is saved as it goes, with its config,
 * its metric series and, when it pauses or finishes, its students' weights. Storage can be
 * missing (private windows) or full: every failure is reported once and the run carries on
 * in memory.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { z } from '../config/zod';
import { validateConfig, type ExperimentConfig } from '../config/schema';
import { migrateConfig } from '../config/migrate';

export interface SeriesData {
  names: string[];
  steps: number[];
  columns: number[][];
}

export interface SavedModel {
  /** model.json of a tfjs layers model, and its weights. */
  modelJson: object;
  weights: ArrayBuffer;
}

export interface SavedRun {
  id: string;
  name: string;
  createdAt: number;
  updatedAt: number;
  config: ExperimentConfig;
  summary: {
    task: string;
    objectives: string[];
    step: number;
    /** Latest held-out agreement and student accuracy of each lane. */
    agreement: number[];
    accuracy: number[];
    backend?: string;
    teacherHash?: string;
    /** The SHA-256 of the user's data file, for runs on one. */
    datasetHash?: string;
  };
  series: { loss: SeriesData; evals: SeriesData };
  /** One per lane, when saved. */
  students?: SavedModel[];
}

/** An imported model's files, kept so experiments that use it still open after a reload. */
export interface StoredModel {
  hash: string;
  name: string;
  modelJson: string | ArrayBuffer;
  weights: { name: string; bytes: ArrayBuffer }[];
  savedAt: number;
}

interface HistoryDB extends DBSchema {
  runs: { key: string; value: SavedRun; indexes: { updatedAt: number } };
  models: { key: string; value: StoredModel };
}

let db: Promise<IDBPDatabase<HistoryDB>> | null = null;

function open(): Promise<IDBPDatabase<HistoryDB>> {
  if (db) return db;
  const opening = openDB<HistoryDB>('kd-studio', 2, {
    upgrade(d, oldVersion) {
      if (oldVersion < 1) d.createObjectStore('runs', { keyPath: 'id' }).createIndex('updatedAt', 'updatedAt');
      if (oldVersion < 2) d.createObjectStore('models', { keyPath: 'hash' });
    },
  });
  db = opening;
  // A failed open is not kept: the next save tries again (the failure may have been passing).
  opening.catch(() => {
    if (db === opening) db = null;
  });
  return opening;
}

export const modelStore = {
  async put(m: StoredModel): Promise<void> {
    await (await open()).put('models', m);
  },
  async get(hash: string): Promise<StoredModel | undefined> {
    return (await open()).get('models', hash);
  },
};

/** A readable reason for a storage failure. */
export function storageMessage(e: unknown): string {
  const err = e as { name?: string; message?: string };
  if (err?.name === 'QuotaExceededError') return 'the browser’s storage for this site is full';
  if (err?.name === 'InvalidStateError' || err?.name === 'SecurityError')
    return 'storage is not available here (a private window?)';
  // The notices add their own full stop.
  return (err?.message ?? String(e)).replace(/\.+$/, '');
}

export const history = {
  async list(): Promise<SavedRun[]> {
    const runs = await (await open()).getAllFromIndex('runs', 'updatedAt');
    return runs.reverse();
  },
  async get(id: string): Promise<SavedRun | undefined> {
    return (await open()).get('runs', id);
  },
  async put(run: SavedRun): Promise<void> {
    await (await open()).put('runs', run);
  },
  async rename(id: string, name: string): Promise<void> {
    const d = await open();
    const run = await d.get('runs', id);
    if (run) await d.put('runs', { ...run, name });
  },
  async remove(id: string): Promise<void> {
    await (await open()).delete('runs', id);
  },
};

// ---- Export and import as a file -----------------------------------------------------------

const FILE_FORMAT = 'kd-studio-history';

const SeriesFile = z.object({
  names: z.array(z.string().max(200)).max(500),
  steps: z.array(z.number()).max(2_000_000),
  columns: z.array(z.array(z.number().nullable())).max(500),
});

const RunFile = z.object({
  id: z.string().max(100),
  name: z.string().max(200),
  createdAt: z.number(),
  updatedAt: z.number(),
  config: z.unknown(),
  summary: z.object({
    task: z.string().max(200),
    objectives: z.array(z.string().max(50)).max(6),
    step: z.number(),
    agreement: z.array(z.number().nullable()).max(6),
    accuracy: z.array(z.number().nullable()).max(6),
    backend: z.string().max(20).optional(),
    teacherHash: z.string().max(64).optional(),
    datasetHash: z.string().max(64).optional(),
  }),
  series: z.object({ loss: SeriesFile, evals: SeriesFile }),
  students: z
    .array(z.object({ modelJson: z.record(z.string(), z.unknown()), weights: z.string() }))
    .max(6)
    .optional(),
});

const HistoryFile = z.object({
  format: z.literal(FILE_FORMAT),
  version: z.literal(1),
  runs: z.array(z.unknown()).max(10_000),
});

const toBase64 = (buf: ArrayBuffer) => {
  let s = '';
  const bytes = new Uint8Array(buf);
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
};
const fromBase64 = (s: string): ArrayBuffer => Uint8Array.from(atob(s), (c) => c.charCodeAt(0)).buffer;

/** JSON of the whole history (NaN becomes null in JSON; it is restored on import). */
export function historyToJson(runs: SavedRun[]): string {
  return JSON.stringify({
    format: FILE_FORMAT,
    version: 1,
    runs: runs.map((r) => ({
      ...r,
      students: r.students?.map((s) => ({ modelJson: s.modelJson, weights: toBase64(s.weights) })),
    })),
  });
}

const nan = (v: number | null) => (v === null ? NaN : v);

/**
 * Parses a history file. Runs that fail validation are skipped and named in `skipped`; the
 * file as a whole is rejected only when it is not a history file at all.
 */
export function historyFromJson(text: string): { runs: SavedRun[]; skipped: string[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new Error('This file is not JSON, so it is not a KD Studio history file.');
  }
  const file = HistoryFile.safeParse(raw);
  if (!file.success)
    throw new Error('This JSON file is not a KD Studio history file (no "format": "kd-studio-history").');
  const runs: SavedRun[] = [];
  const skipped: string[] = [];
  file.data.runs.forEach((r, i) => {
    const parsed = RunFile.safeParse(r);
    const config = parsed.success ? validateConfig(migrateConfig(parsed.data.config).config) : null;
    if (!parsed.success || !config?.ok) {
      skipped.push(`run ${i + 1}${parsed.success ? ` (“${parsed.data.name}”)` : ''}`);
      return;
    }
    const d = parsed.data;
    const series = (s: z.infer<typeof SeriesFile>): SeriesData => ({ ...s, columns: s.columns.map((c) => c.map(nan)) });
    runs.push({
      ...d,
      config: config.config,
      summary: { ...d.summary, agreement: d.summary.agreement.map(nan), accuracy: d.summary.accuracy.map(nan) },
      series: { loss: series(d.series.loss), evals: series(d.series.evals) },
      students: d.students?.map((s) => ({ modelJson: s.modelJson, weights: fromBase64(s.weights) })),
    });
  });
  return { runs, skipped };
}
