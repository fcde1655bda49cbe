/**
 * Run history in IndexedDB (history-db.ts): every run is saved as it goes, with its config, its
 * metric series (an append-only log of chunks, series-log.ts) and its students' weights (a
 * snapshot to resume from, and model files to export). Storage can be missing (private
 * windows) or full: every failure is reported once and the run carries on in memory.
 */
import type { StudentSnapshot } from '../worker/protocol';
import {
  announceChange,
  chunkRange,
  openHistory,
  type ChunkRecord,
  type RunRecord,
  type SavedModel,
  type StoredModel,
  type WeightsRecord,
} from './history-db';
import { runName } from './run-name';
import { assemble, seriesData, type SeriesChunk, type SeriesData } from './series-log';

export type { SavedModel, StoredModel, SeriesData, WeightsRecord };
export { historyFromJson, historyToJson } from './history-file';
export { onHistoryChange, type HistoryChange } from './history-db';

/** A run as History shows it: its whole series assembled, and (for export) its students. */
export interface SavedRun extends Omit<RunRecord, 'series' | 'students' | 'chunks'> {
  series: { loss: SeriesData; evals: SeriesData };
  /** One per lane, when saved. */
  students?: SavedModel[];
  /** The copy of the students Open resumes from (in a history file, and when one is imported). */
  snapshot?: StudentSnapshot;
}

/** What a save writes about the run besides its new rows. */
export type RunMeta = Omit<SavedRun, 'series' | 'students' | 'snapshot'>;

export const modelStore = {
  async put(m: StoredModel): Promise<void> {
    await (await openHistory()).put('models', m);
  },
  async get(hash: string): Promise<StoredModel | undefined> {
    return (await openHistory()).get('models', hash);
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

/**
 * A record as History shows it: its series assembled, its name made from its experiment unless
 * the person gave it one (run-name.ts), and its step as far as its curves go (an older version
 * could save a run's summary at step 0 after its curves had gone further).
 */
function view(r: RunRecord, chunks: readonly SeriesChunk[]): SavedRun {
  const { series, students, chunks: _next, ...meta } = r;
  const s = assemble(chunks, series);
  const step = Math.max(meta.summary.step, s.loss.steps.at(-1) ?? 0);
  return {
    ...meta,
    name: runName(meta),
    summary: { ...meta.summary, step },
    series: { loss: seriesData(s.loss), evals: seriesData(s.evals) },
    ...(students && { students }),
  };
}

export const history = {
  /** Every run that took a step, newest first, with its series. */
  async list(): Promise<SavedRun[]> {
    const d = await openHistory();
    const [runs, chunks] = await Promise.all([d.getAllFromIndex('runs', 'updatedAt'), d.getAll('chunks')]);
    const byRun = new Map<string, ChunkRecord[]>();
    for (const c of chunks) byRun.set(c.runId, [...(byRun.get(c.runId) ?? []), c]);
    return runs
      .reverse()
      .map((r) => view(r, byRun.get(r.id) ?? []))
      .filter((r) => r.summary.step > 0);
  },
  async count(): Promise<number> {
    return (await openHistory()).count('runs');
  },
  async get(id: string): Promise<SavedRun | undefined> {
    const d = await openHistory();
    const [r, chunks] = await Promise.all([d.get('runs', id), d.getAll('chunks', chunkRange(id))]);
    return r && view(r, chunks);
  },
  /** The number the next chunk of run `id` gets. */
  async nextChunk(id: string): Promise<number> {
    return (await (await openHistory()).get('runs', id))?.chunks ?? 0;
  },
  /** Writes a whole run (an imported one): its series as one chunk, its students as its weights. */
  async put(run: SavedRun): Promise<void> {
    const d = await openHistory();
    const tx = d.transaction(['runs', 'chunks', 'weights'], 'readwrite');
    const { series, students, snapshot, ...meta } = run;
    await tx.objectStore('chunks').delete(chunkRange(run.id));
    await tx.objectStore('chunks').put({ runId: run.id, seq: 0, ...series });
    await tx.objectStore('runs').put({ ...meta, chunks: 1 });
    if (students || snapshot)
      await tx.objectStore('weights').put({
        runId: run.id,
        step: snapshot?.step ?? run.summary.step,
        savedAt: Date.now(),
        ...(snapshot && { snapshot }),
        ...(students && { students }),
      });
    await tx.done;
    announceChange();
  },
  /** A save as a run goes: its summary and config, and the rows since the last chunk. */
  async append(meta: RunMeta, chunk: SeriesChunk): Promise<void> {
    const d = await openHistory();
    const tx = d.transaction(['runs', 'chunks'], 'readwrite');
    // Both in one transaction: a tab closing mid-save keeps both or neither.
    void tx.objectStore('chunks').put({ runId: meta.id, ...chunk });
    void tx.objectStore('runs').put({ ...meta, chunks: chunk.seq + 1 });
    // At once: a save on pagehide must not wait for the page to go idle (it may not).
    tx.commit();
    await tx.done;
    announceChange();
  },
  /** The students of run `id`: a snapshot (always) and model files (when given; else the last ones stay). */
  async putWeights(id: string, step: number, snapshot?: StudentSnapshot, students?: SavedModel[]): Promise<void> {
    const d = await openHistory();
    const tx = d.transaction(['weights', 'runs'], 'readwrite');
    const before = await tx.objectStore('weights').get(id);
    const run = await tx.objectStore('runs').get(id);
    await tx.objectStore('weights').put({
      runId: id,
      step,
      savedAt: Date.now(),
      snapshot: snapshot ?? before?.snapshot,
      students: students ?? before?.students,
    });
    if (run && snapshot) await tx.objectStore('runs').put({ ...run, summary: { ...run.summary, weightsStep: step } });
    await tx.done;
    announceChange();
  },
  async weights(id: string): Promise<WeightsRecord | undefined> {
    const d = await openHistory();
    const w = await d.get('weights', id);
    if (w) return w;
    // Records from before the weights store kept their students inline.
    const r = await d.get('runs', id);
    return r?.students && { runId: id, step: r.summary.step, savedAt: r.updatedAt, students: r.students };
  },
  /** Every run with its students (model files and the copy Open resumes from), for the history file. */
  async exportable(): Promise<SavedRun[]> {
    const runs = await this.list();
    const d = await openHistory();
    const weights = new Map((await d.getAll('weights')).map((w) => [w.runId, w]));
    return runs.map((r) => {
      const w = weights.get(r.id);
      return { ...r, students: w?.students ?? r.students, ...(w?.snapshot && { snapshot: w.snapshot }) };
    });
  },
  /** The ids of every run stored (to tell an import's duplicates). */
  async ids(): Promise<string[]> {
    return (await openHistory()).getAllKeys('runs');
  },
  /** Run `id` is no longer taken for one still training (an interrupted run the person let be). */
  async settle(id: string): Promise<void> {
    const d = await openHistory();
    const run = await d.get('runs', id);
    if (run?.live) await d.put('runs', { ...run, live: false });
  },
  /** A new name; the tab recording the run (this one or another) takes it for its next saves. */
  async rename(id: string, name: string): Promise<void> {
    const d = await openHistory();
    const run = await d.get('runs', id);
    if (run) await d.put('runs', { ...run, name, named: true });
    announceChange({ kind: 'renamed', id, name });
  },
  async remove(id: string): Promise<void> {
    const d = await openHistory();
    const tx = d.transaction(['runs', 'chunks', 'weights'], 'readwrite');
    await Promise.all([
      tx.objectStore('runs').delete(id),
      tx.objectStore('chunks').delete(chunkRange(id)),
      tx.objectStore('weights').delete(id),
      tx.done,
    ]);
    announceChange();
  },
};
