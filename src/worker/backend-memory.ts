/**
 * Auto's choice, remembered: the same model (task kind, teacher and student specs, shapes,
 * batch) on the same device (GPU adapter, cores, browser, cross-origin isolation, which
 * decides whether WASM may use threads) gets the backend its last trial chose, with no trial,
 * until the person asks again ("Choose again" next to the Backend readout). Kept in IndexedDB
 * (the worker has no localStorage), and read through a schema: an entry that does not parse
 * (damaged, or written by another version) is ignored and deleted, and the trial runs again.
 */
import { openDB, type IDBPDatabase } from 'idb';
import { z } from '../config/zod';
import { BACKENDS, type ExperimentConfig } from '../config/schema';
import { classCount, inputShapeOf } from '../config/derived';
import type { Candidate } from '../engine/backend';

/** Bumped when what a trial decides changes meaning: older entries are then ignored. */
const MEMORY_VERSION = 1;

export const RememberedChoice = z.object({
  version: z.literal(MEMORY_VERSION),
  name: z.enum(BACKENDS).exclude(['auto']),
  threads: z.boolean().optional(),
  savedAt: z.number(),
});
export type RememberedChoice = z.infer<typeof RememberedChoice>;

export interface DeviceInfo {
  /** The WebGPU adapter's vendor, architecture and description, or null without one. */
  gpu: string | null;
  cores: number;
  userAgent: string;
  isolated: boolean;
}

/** The model and batch a trial timed: what decides which backend is fastest for it. */
export function modelSignature(cfg: ExperimentConfig): unknown {
  return {
    task: cfg.task.kind,
    teacher: cfg.teacher.model,
    student: cfg.student,
    inputShape: inputShapeOf(cfg),
    classes: classCount(cfg),
    batch: cfg.train.batchSize,
  };
}

/** The key an entry is stored under. */
export function memoryKey(signature: unknown, device: DeviceInfo): string {
  return JSON.stringify({ v: MEMORY_VERSION, model: signature, device });
}

/** An entry as read: the choice, or null when there is none or it does not parse. */
export function parseRemembered(raw: unknown): Candidate | null {
  const r = RememberedChoice.safeParse(raw);
  if (!r.success) return null;
  return r.data.threads ? { name: r.data.name, threads: true } : { name: r.data.name };
}

/** Where entries live: IndexedDB in the worker, a Map in tests. */
export interface ChoiceStore {
  get(key: string): Promise<unknown>;
  put(key: string, value: RememberedChoice): Promise<void>;
  delete(key: string): Promise<void>;
}

export class BackendMemory {
  constructor(private readonly store: ChoiceStore | null) {}

  /** The remembered choice for `key`; a damaged entry is deleted and counts as none. */
  async recall(key: string): Promise<Candidate | null> {
    if (!this.store) return null;
    const raw = await this.store.get(key).catch(() => undefined);
    if (raw === undefined) return null;
    const choice = parseRemembered(raw);
    if (!choice) await this.store.delete(key).catch(() => undefined);
    return choice;
  }

  async remember(key: string, c: Candidate): Promise<void> {
    await this.store
      ?.put(key, { version: MEMORY_VERSION, name: c.name, ...(c.threads && { threads: true }), savedAt: Date.now() })
      .catch(() => undefined);
  }

  async forget(key: string): Promise<void> {
    await this.store?.delete(key).catch(() => undefined);
  }
}

/** The IndexedDB store, or null where there is no IndexedDB (Node tests): nothing is remembered. */
export function indexedDbStore(): ChoiceStore | null {
  if (typeof indexedDB === 'undefined') return null;
  let db: Promise<IDBPDatabase> | undefined;
  const open = () =>
    (db ??= openDB('kd-studio-backend', 1, {
      upgrade(d) {
        d.createObjectStore('choices');
      },
    }));
  return {
    get: async (key) => (await open()).get('choices', key),
    put: async (key, value) => void (await (await open()).put('choices', value, key)),
    delete: async (key) => (await open()).delete('choices', key),
  };
}

/** This device, as the key names it. */
export function thisDevice(gpu: string | null): DeviceInfo {
  const nav = globalThis.navigator as Navigator | undefined;
  return {
    gpu,
    cores: nav?.hardwareConcurrency ?? 0,
    userAgent: nav?.userAgent ?? '',
    isolated: Boolean((globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated),
  };
}
