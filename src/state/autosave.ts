/**
 * Saves the current run to History as it goes: a record when a run starts (a new session or a
 * reset), its new series rows at least every CURVES_EVERY_MS of training or CURVES_EVERY_STEPS
 * steps (whichever comes first) and again when the page is hidden or goes, and its students'
 * weights (a snapshot to resume from) every WEIGHTS_EVERY_MS while it trains and whenever it
 * pauses or ends, with their model files then. A run that goes on from a snapshot (a new
 * worker, another backend, a saved run opened) goes on in its own record. A storage failure is
 * reported (on the main page, see ui/history/StorageNotice) and stops saving until the next run
 * starts, which tries again; training goes on in memory either way.
 */
import { datasetOf } from '../config/dataset';
import { classifyChange } from '../config/changes';
import type { ExperimentConfig } from '../config/schema';
import { forTask } from '../tasks/registry';
import type { StudentSnapshot } from '../worker/protocol';
import { useConfigStore } from './config';
import { history, onHistoryChange, storageMessage, type RunMeta, type SavedModel } from './history';
import { useHistoryStore } from './history-store';
import { holdRun } from './run-locks';
import { evalColumnName, useRunStore, type RunState } from './run';
import { rowsFrom, type Cut } from './series-log';
import { seriesReach } from './series-reach';
import { defaultName, runName } from './run-name';

export const CURVES_EVERY_MS = 2000;
export const CURVES_EVERY_STEPS = 200;
export const WEIGHTS_EVERY_MS = 10_000;

type RecordBase = Pick<RunMeta, 'id' | 'name' | 'createdAt' | 'named'>;

function record(
  base: RecordBase,
  run: RunState,
  config: ExperimentConfig,
  live: boolean,
  weightsStep?: number,
): RunMeta {
  const lanes = run.session?.lanes ?? config.lanes.length;
  const last = (metric: string) =>
    Array.from({ length: lanes }, (_, l) => run.evals.last(evalColumnName(l, metric)) ?? NaN);
  return {
    ...base,
    // A name the person did not choose says the experiment it is saved with (the record's
    // config and Task column), whatever name the run started under.
    name: runName({ ...base, config }),
    updatedAt: Date.now(),
    config,
    live,
    summary: {
      task: forTask(config.task).dataName(config.task),
      ...(datasetOf(config.task) && { datasetHash: datasetOf(config.task)!.sha256 }),
      objectives: config.lanes.map((l) => l.objective),
      step: run.step,
      agreement: last('agreement'),
      accuracy: last('studentAccuracy'),
      backend: run.backend?.name,
      teacherHash: run.session?.teacher.weightsHash,
      ...(weightsStep !== undefined && { weightsStep }),
    },
  };
}

/** Where the autosave gets the students from (the worker). */
export interface StudentSources {
  /** Model files of every lane, for export (when the run pauses or ends). */
  students(): Promise<SavedModel[]>;
  /** A snapshot to resume from. */
  snapshot(): Promise<StudentSnapshot | null>;
}

const ENDED = ['paused', 'done', 'diverged', 'error'];

/** Starts recording; returns a function that stops it. */
export function startAutosave(sources: StudentSources): () => void {
  let current: RecordBase | null = null;
  let releaseRun: () => void = () => undefined;
  /** Rows of the run's series already in its log, and a cut to write with the next chunk. */
  let saved = { loss: 0, evals: 0 };
  let cut: Cut | undefined;
  let seq = 0;
  let curvesAt = 0;
  let curvesStep = 0;
  let weightsAt = 0;
  let weightsStep: number | undefined;
  /** Saving stopped after a failure; a new run tries again (the failure may have been passing). */
  let failed = false;
  let writingWeights = Promise.resolve();
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

  const failure = (e: unknown) => {
    failed = true;
    useHistoryStore.setState({ error: `Could not save this run: ${storageMessage(e)}. It carries on in memory.` });
  };
  const success = () => {
    // Saved: whatever failed before works again.
    if (useHistoryStore.getState().error) useHistoryStore.setState({ error: undefined, dismissedError: undefined });
  };

  /** The rows since the last save, taken now: by the time IndexedDB runs they may be the next run's. */
  const saveCurves = (run: RunState, live: boolean) => {
    // Nothing trained, nothing to keep: a run is written from its first step (its rows so far,
    // such as the untrained students' evaluation, go with that first save).
    if (!current || failed || run.step === 0) return;
    const chunk = {
      seq: seq++,
      ...(cut && { cut }),
      loss: rowsFrom(run.loss, saved.loss),
      evals: rowsFrom(run.evals, saved.evals),
    };
    saved = { loss: run.loss.length, evals: run.evals.length };
    cut = undefined;
    curvesAt = Date.now();
    curvesStep = run.step;
    history.append(record(current, run, runConfig, live, weightsStep), chunk).then(success, failure);
  };

  /** Asks the worker for the students now (it answers in order, before any later edit). */
  const saveWeights = (withModels: boolean) => {
    if (!current || failed) return;
    const base = current;
    weightsAt = Date.now();
    const snapshot = sources.snapshot().catch(() => null);
    const models = withModels ? sources.students().catch(() => undefined) : Promise.resolve(undefined);
    writingWeights = writingWeights
      .then(async () => {
        const [snap, students] = await Promise.all([snapshot, models]);
        if (!snap || snap.step === 0) return;
        // The curves up to the copy's step go first: a run resumed from it then has no gap.
        await seriesReach(snap.step);
        if (base === current) flush();
        await history.putWeights(base.id, snap.step, snap, students);
        if (base === current) weightsStep = snap.step;
        success();
      })
      .catch(failure);
  };

  const begin = (base: RecordBase, nextChunk = 0) => {
    releaseRun();
    current = base;
    releaseRun = holdRun(base.id);
    useHistoryStore.setState({ currentId: base.id });
    [saved, cut, seq, curvesAt, curvesStep, weightsAt, weightsStep] = [
      { loss: 0, evals: 0 },
      undefined,
      nextChunk,
      0,
      0,
      Date.now(),
      undefined,
    ];
    failed = false;
    runConfig = useConfigStore.getState().config;
    restartPending = false;
  };

  const newRun = () => {
    const createdAt = Date.now();
    const name = defaultName(useConfigStore.getState().config, new Date(createdAt));
    begin({ id: `${createdAt}-${Math.random().toString(36).slice(2, 8)}`, name, createdAt });
  };

  /**
   * The run's students are gone and none replace them yet (another data set or teacher: the
   * worker builds the next run on Play). Its record is done: nothing said after this (the page
   * hidden, a late copy of the students) may write the empty page over it.
   */
  const end = () => {
    releaseRun();
    releaseRun = () => undefined;
    current = null;
    useHistoryStore.setState({ currentId: undefined });
  };

  /** The run goes on from `step` (a restore): the log drops what came after it. */
  const resumed = (s: RunState) => {
    const { step, run } = s.resumed!;
    if (run) {
      // The run recorded here itself: chunks were written since its next number was read.
      const next = run.id === current?.id ? Math.max(seq, run.nextChunk) : run.nextChunk;
      begin({ id: run.id, name: run.name, createdAt: run.createdAt, ...(run.named && { named: true }) }, next);
      // A saved run opened: what is shown came from its log (a copy writes it all again).
      if (!run.copy) saved = { loss: s.loss.length, evals: s.evals.length };
      weightsStep = step;
    } else if (!current) {
      newRun();
    } else {
      saved = { loss: Math.min(saved.loss, s.loss.length), evals: Math.min(saved.evals, s.evals.length) };
    }
    if (!run?.copy)
      cut = { loss: Math.min(cut?.loss ?? step, step), evals: Math.min(cut?.evals ?? step - 1, step - 1) };
    curvesAt = 0;
    saveCurves(s, false);
  };

  /** The students of the current run are being replaced: their last copy goes with it. */
  const farewell = (s: RunState) => {
    const snap = s.replaced!;
    if (!current || failed) return;
    const base = current;
    // Its last rows, and no longer live: it ends here (a record still live after its tab went
    // is an interrupted run).
    saveCurves(s, false);
    writingWeights = writingWeights
      .then(() => history.putWeights(base.id, snap.step, snap))
      .then(success)
      .catch(failure);
  };

  const unsubscribe = useRunStore.subscribe((s, prev) => {
    if (s.resumed !== prev.resumed && s.resumed) return resumed(s);
    if (s.replaced !== prev.replaced && s.replaced) return farewell(s);
    if (s.loss !== prev.loss) {
      // The run being replaced keeps the steps it reached since its last save (a switch while
      // training); its students are gone, so without weights.
      if (prev.step > 0 && (prev.loss.length > saved.loss || prev.evals.length > saved.evals)) saveCurves(prev, false);
      // A restore is coming: the same run goes on (or a saved one), not a new one.
      if (s.pending) return;
      // A new session or a reset replaces the series: that is a new run; without a session
      // (new data or another teacher, built on Play), the old one has ended.
      if (s.session) newRun();
      else if (current) end();
    } else if (s.step < prev.step && current) {
      // A divergence undid the points after s.step.
      cut = { loss: Math.min(cut?.loss ?? s.step, s.step), evals: Math.min(cut?.evals ?? s.step, s.step) };
      saved = { loss: Math.min(saved.loss, s.loss.length), evals: Math.min(saved.evals, s.evals.length) };
    }
    if (!current || s.step === 0 || s.pending) return;
    if (s.status !== prev.status && ENDED.includes(s.status)) {
      saveCurves(s, false);
      saveWeights(true);
    } else if (s.version !== prev.version) {
      const now = Date.now();
      if (now - curvesAt >= CURVES_EVERY_MS || s.step - curvesStep >= CURVES_EVERY_STEPS)
        saveCurves(s, s.status === 'running');
      if (s.status === 'running' && now - weightsAt >= WEIGHTS_EVERY_MS) saveWeights(false);
    }
  });

  // Hidden or going (a reload, a closed tab): what the page has is saved at once.
  const flush = () => {
    const s = useRunStore.getState();
    if (!current || s.pending || (s.loss.length === saved.loss && s.evals.length === saved.evals && !cut)) return;
    saveCurves(s, s.status === 'running');
  };
  const onHidden = () => {
    if (document.visibilityState !== 'hidden') return;
    flush();
    if (useRunStore.getState().status === 'running') saveWeights(false);
  };
  const page = typeof document !== 'undefined';
  if (page) addEventListener('pagehide', flush);
  if (page) document.addEventListener('visibilitychange', onHidden);
  // A rename (here or in another tab) is kept by the saves that follow.
  const unsubscribeRenames = onHistoryChange((change) => {
    if (change.kind === 'renamed' && current?.id === change.id)
      current = { ...current, name: change.name, named: true };
  });
  void useHistoryStore.getState().refresh();
  return () => {
    unsubscribe();
    unsubscribeConfig();
    unsubscribeRenames();
    if (page) removeEventListener('pagehide', flush);
    if (page) document.removeEventListener('visibilitychange', onHidden);
    releaseRun();
  };
}
