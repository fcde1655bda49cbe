/**
 * Saves the current run to the history as it goes: a new record when a run starts (a new
 * session or a reset), its series every few seconds while it trains, and its students'
 * weights when it pauses or finishes. A storage failure is reported (on the main page, see
 * ui/history/StorageNotice) and stops saving until the next run starts, which tries again;
 * training goes on in memory either way.
 */
import { datasetOf } from '../config/dataset';
import { create } from 'zustand';
import { classifyChange } from '../config/changes';
import type { ExperimentConfig } from '../config/schema';
import { shortObjectiveName } from '../objectives';
import { forTask } from '../tasks/registry';
import { useConfigStore } from './config';
import { history, storageMessage, type SavedModel, type SavedRun, type SeriesData } from './history';
import { evalColumnName, useRunStore, type RunState } from './run';
import type { Series } from './series';

const SAVE_EVERY_MS = 5000;

interface HistoryState {
  runs: SavedRun[];
  /** Why saving does not work, if it does not. */
  error?: string;
  /** The error the person dismissed on the main page (a different one shows again). */
  dismissedError?: string;
  /** Id of the run being recorded now. */
  currentId?: string;
  refresh(): Promise<void>;
}

export const useHistoryStore = create<HistoryState>((set) => ({
  runs: [],
  async refresh() {
    try {
      set({ runs: await history.list() });
    } catch (e) {
      set({ error: `Run history is unavailable: ${storageMessage(e)}. This run stays in memory.` });
    }
  },
}));

const snapshot = (s: Series): SeriesData => ({
  names: [...s.names],
  steps: [...s.steps],
  columns: s.columns.map((c) => [...c]),
});

type RecordBase = Pick<SavedRun, 'id' | 'name' | 'createdAt'>;

function record(base: RecordBase, run: RunState, config: ExperimentConfig): SavedRun {
  const lanes = run.session?.lanes ?? config.lanes.length;
  const last = (metric: string) =>
    Array.from({ length: lanes }, (_, l) => run.evals.last(evalColumnName(l, metric)) ?? NaN);
  return {
    ...base,
    updatedAt: Date.now(),
    config,
    summary: {
      task: forTask(config.task).dataName(config.task),
      ...(datasetOf(config.task) && { datasetHash: datasetOf(config.task)!.sha256 }),
      objectives: config.lanes.map((l) => l.objective),
      step: run.step,
      agreement: last('agreement'),
      accuracy: last('studentAccuracy'),
      backend: run.backend?.name,
      teacherHash: run.session?.teacher.weightsHash,
    },
    series: { loss: snapshot(run.loss), evals: snapshot(run.evals) },
  };
}

/** A default name: "Spiral · Forward KL vs Reverse KL · 14:05", "Moby-Dick · ULD · 14:05". */
export function defaultName(c = useConfigStore.getState().config, now = new Date()): string {
  const task = forTask(c.task).dataName(c.task);
  const objectives = c.lanes.map((l) => shortObjectiveName(l.objective)).join(' vs ');
  const time = now.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  return `${task[0]!.toUpperCase()}${task.slice(1)} · ${objectives} · ${time}`;
}

/**
 * Starts recording. `students` fetches the students' weights from the worker (when the run
 * pauses or finishes); returns a function that stops recording.
 */
export function startAutosave(students: () => Promise<SavedModel[]>): () => void {
  let current: RecordBase | null = null;
  let lastSave = 0;
  /** Step of the current run when it was last saved. */
  let savedStep = 0;
  /** Saving stopped after a failure; a new run tries again (the failure may have been passing). */
  let failed = false;
  let saving = Promise.resolve();
  /**
   * The experiment the current run trains: live edits (learning rate, an objective switched
   * mid-run) become part of it; any other edit is the next run's, even before the worker has
   * restarted the students, so the old run is never saved under the new experiment.
   */
  let runConfig = useConfigStore.getState().config;
  let restartPending = false;
  const unsubscribeConfig = useConfigStore.subscribe((s, prev) => {
    if (s.config === prev.config) return;
    const change = classifyChange(prev.config, s.config, s.freshRuns !== prev.freshRuns);
    if (!restartPending && (change === 'live' || change === 'none')) runConfig = s.config;
    else restartPending = true;
  });

  /**
   * Saves `run` as `base`, with the students' weights or without. The record is taken now, not
   * when the save gets its turn: by then the series may belong to the next run.
   */
  const save = (base: RecordBase | null, run: RunState, withWeights: boolean) => {
    if (!base || failed) return;
    const saved = record(base, run, runConfig);
    savedStep = run.step;
    saving = saving
      .then(async () => {
        const weights = withWeights ? await students().catch(() => undefined) : undefined;
        await history.put(weights ? { ...saved, students: weights } : saved);
        // Saved: whatever failed before works again.
        if (useHistoryStore.getState().error) useHistoryStore.setState({ error: undefined, dismissedError: undefined });
        await useHistoryStore.getState().refresh();
      })
      .catch((e: unknown) => {
        failed = true;
        useHistoryStore.setState({ error: `Could not save this run: ${storageMessage(e)}. It carries on in memory.` });
      });
  };

  const unsubscribe = useRunStore.subscribe((s, prev) => {
    if (s.loss !== prev.loss) {
      // The run being replaced keeps the steps it reached since its last save (a switch while
      // training); its students are gone, so without weights.
      if (prev.step > 0 && prev.step !== savedStep) save(current, prev, false);
      // A new session or a reset replaces the series: that is a new run.
      if (s.session) {
        const createdAt = Date.now();
        current = { id: `${createdAt}-${Math.random().toString(36).slice(2, 8)}`, name: defaultName(), createdAt };
        useHistoryStore.setState({ currentId: current.id });
        lastSave = 0;
        savedStep = 0;
        failed = false;
        runConfig = useConfigStore.getState().config;
        restartPending = false;
      }
    }
    if (!current || s.step === 0) return;
    const ended = s.status !== prev.status && ['paused', 'done', 'diverged'].includes(s.status);
    if (ended) save(current, s, true);
    else if (s.version !== prev.version && Date.now() - lastSave > SAVE_EVERY_MS) {
      lastSave = Date.now();
      save(current, s, false);
    }
  });
  void useHistoryStore.getState().refresh();
  return () => {
    unsubscribe();
    unsubscribeConfig();
  };
}
