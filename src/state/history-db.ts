/**
 * The IndexedDB database behind History (through `idb`), and how tabs hear of each other's
 * writes. Several tabs of the studio share it: each writes only its own runs (records are
 * keyed by a run id made in that tab), every write is announced on a BroadcastChannel so an
 * open History elsewhere refreshes, and a tab that opens a newer version of the database asks
 * the others to let go of theirs (`versionchange`) instead of waiting on them forever.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { StudentSnapshot } from '../worker/protocol';
import type { SeriesChunk, SeriesData } from './series-log';

export interface SavedModel {
  /** model.json of a tfjs layers model, and its weights. */
  modelJson: object;
  weights: ArrayBuffer;
}

/** A run as stored: its series are in `chunks`, its weights in `weights` (older records hold both inline). */
export interface RunRecord {
  id: string;
  name: string;
  /** The person chose the name (History's rename); else it is the default one, which says its experiment. */
  named?: boolean;
  createdAt: number;
  updatedAt: number;
  config: import('../config/schema').ExperimentConfig;
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
    /** Step of the students' weights saved with the run, if any: Open resumes from there. */
    weightsStep?: number;
  };
  /** Still training when last saved; false once paused or finished (true after a closed tab: interrupted). */
  live?: boolean;
  /** The next chunk's number. */
  chunks?: number;
  /** Records saved whole (imported, or written before the log existed). */
  series?: { loss: SeriesData; evals: SeriesData };
  students?: SavedModel[];
}

export interface ChunkRecord extends SeriesChunk {
  runId: string;
}

/** The students of a run as last saved: a snapshot to resume from, and model files to export. */
export interface WeightsRecord {
  runId: string;
  step: number;
  savedAt: number;
  snapshot?: StudentSnapshot;
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

/** A finished or cancelled sweep (issue 17), reopened from History with its results. */
export interface SweepRecord {
  id: string;
  createdAt: number;
  title: string;
  result: import('../sweeps/types').SweepResult;
}

interface HistoryDB extends DBSchema {
  runs: { key: string; value: RunRecord; indexes: { updatedAt: number } };
  models: { key: string; value: StoredModel };
  chunks: { key: [string, number]; value: ChunkRecord };
  weights: { key: string; value: WeightsRecord };
  sweeps: { key: string; value: SweepRecord; indexes: { createdAt: number } };
}

export type Db = IDBPDatabase<HistoryDB>;

let db: Promise<Db> | null = null;
/** Set when another tab needs a newer database than this one can open. */
let blockedBy: string | null = null;

export function openHistory(): Promise<Db> {
  if (db) return db;
  if (blockedBy) return Promise.reject(new Error(blockedBy));
  const opening = openDB<HistoryDB>('kd-studio', 4, {
    upgrade(d, oldVersion) {
      if (oldVersion < 1) d.createObjectStore('runs', { keyPath: 'id' }).createIndex('updatedAt', 'updatedAt');
      if (oldVersion < 2) d.createObjectStore('models', { keyPath: 'hash' });
      if (oldVersion < 3) {
        d.createObjectStore('chunks', { keyPath: ['runId', 'seq'] });
        d.createObjectStore('weights', { keyPath: 'runId' });
      }
      // Version 4 adds sweeps; the runs before it are untouched.
      if (oldVersion < 4) d.createObjectStore('sweeps', { keyPath: 'id' }).createIndex('createdAt', 'createdAt');
    },
    blocking() {
      // A newer studio opened in another tab: let go, so its upgrade goes through; the next
      // write here opens again (and says why, should this page's version be the older one).
      void opening.then((d) => d.close());
      if (db === opening) db = null;
    },
    blocked() {
      // An older studio in another tab holds on: saves fail with this (not wait) until it lets go.
      blockedBy = 'another tab of the studio is still using an older History: reload or close that tab';
      if (db === opening) db = null;
    },
  });
  db = opening;
  void opening.then(() => (blockedBy = null)).catch(() => undefined);
  // A failed open is not kept: the next save tries again (the failure may have been passing).
  opening.catch(() => {
    if (db === opening) db = null;
  });
  return opening;
}

/** Where the chunks of run `id` are. */
export const chunkRange = (id: string) => IDBKeyRange.bound([id, -Infinity], [id, Infinity]);

// ---- Tabs hear of each other's writes ------------------------------------------------------

/** What a tab tells the others (and itself): something changed, or a run got a new name. */
export type HistoryChange = { kind: 'changed' } | { kind: 'renamed'; id: string; name: string };

const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('kd-studio-history');
const listeners = new Set<(change: HistoryChange) => void>();
if (channel) channel.onmessage = (e: MessageEvent<HistoryChange>) => listeners.forEach((l) => l(e.data));

/** Tells this tab's and the other tabs' listeners that History changed. */
export function announceChange(change: HistoryChange = { kind: 'changed' }): void {
  channel?.postMessage(change);
  listeners.forEach((l) => l(change));
}

/** Calls `listener` whenever History changes, here or in another tab; returns a function that stops it. */
export function onHistoryChange(listener: (change: HistoryChange) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
