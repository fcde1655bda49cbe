/**
 * What the worker reports: status, backend, data, metric series and view logits. The series
 * are mutated in place (they can hold 100,000+ rows); `version` tells React they changed.
 */
import { create } from 'zustand';
import type {
  BackendInfo,
  DataPreview,
  EngineEvent,
  Phase,
  RunLayout,
  RunNotice,
  RunStatus,
  SessionInfo,
  StatusReason,
  StudentSnapshot,
  ViewLogits,
} from '../worker/protocol';
import { laneColumn } from '../lib/columns';
import { Series } from './series';
import { remainingMs } from '../lib/eta';
import type { RunMarker } from './change-markers';

export interface RunState {
  status: RunStatus;
  /** Why, as the worker put it; src/ui/status-text.ts words it. */
  reason?: StatusReason;
  backend?: BackendInfo;
  data?: DataPreview;
  /** Loading data, training or loading the teacher, caching its outputs. */
  progress?: { phase: Phase; done: number; total: number; detail?: string };
  session?: SessionInfo;
  step: number;
  stepsPerSecond: number;
  numTensors?: number;
  /** Which students the series are about (MetricsBatch.epoch); views drop answers from another. */
  epoch?: number;
  /** Step of the latest evaluation received: views that show the students re-ask when it moves. */
  evalStep?: number;
  /** Loss columns per step (names from session.lossColumns). */
  loss: Series;
  /** Held-out metrics per evaluation: column `${lane}:${metricId}`. */
  evals: Series;
  /** Steps per second against the step. */
  speed: Series;
  /** Per-class teacher–student gap at each evaluation (image tasks): column `gap:c`. */
  gap: Series;
  views?: ViewLogits;
  /** Index of the selected test point, if any. */
  selected: number | null;
  /** The student lane the views and the parts charts show. */
  lane: number;
  /** Bumps whenever a series or readout changes (up to ~10 Hz). */
  version: number;
  /** What happened to the run that the person should read (a backend switch, a worker replaced). */
  notices: RunNotice[];
  /** Edits that applied mid-run (an objective switched, a parameter changed), in step order: the charts mark them. */
  markers: RunMarker[];
  /** When the current preparation job (a progress phase, Auto's trial) started, for its time estimate. */
  job?: { key: string; startedAt: number; startDone: number; leftMs?: number };
  /**
   * Series kept for a restore under way (a new worker, another backend, a saved run opened):
   * events that start series afresh leave them be, and `restored` puts them back.
   */
  pending?: { loss: Series; evals: Series; speed: Series; gap: Series; run?: ContinuedRun };
  /** The last copy of students just replaced (a restart, Reset): autosave.ts stores it with their run. */
  replaced?: StudentSnapshot;
  /** Set by each restore: the run goes on from `step` (state/autosave.ts carries on its record). */
  resumed?: { step: number; run?: ContinuedRun };
  handle(event: EngineEvent): void;
  /** Keeps the series (the current ones, or a saved run's) for the restore that is coming. */
  expectRestore(series?: { loss: Series; evals: Series }, run?: ContinuedRun): void;
  /** The restore did not happen: the kept series go. */
  cancelRestore(): void;
  notify(notice: RunNotice): void;
  /** An edit applied live at `marker.step` of the current students. */
  mark(marker: RunMarker): void;
  dismissNotice(notice: RunNotice): void;
  select(index: number | null): void;
  selectLane(lane: number): void;
}

/** A saved run that a restore continues (History's Open): its record, and whether to write a copy. */
export interface ContinuedRun {
  id: string;
  name: string;
  /** The person chose the name (else it follows the run's experiment). */
  named?: boolean;
  createdAt: number;
  /** The next chunk of its series log. */
  nextChunk: number;
  /** The run is recorded in another tab: this one writes a record of its own, with everything. */
  copy?: boolean;
}

/** A notice that says how something ended takes the place of the one that said it began. */
const SUPERSEDES: Partial<Record<RunNotice['code'], RunNotice['code']>> = {
  'backend-switched': 'backend-lost',
  'worker-recovered': 'worker-lost',
  'worker-recovery-failed': 'worker-lost',
};

/**
 * The job a status or progress event belongs to: Auto's trial, or a progress phase of a given
 * size (undefined: no job). A new key starts the job's clock.
 */
function jobKey(status: RunStatus, reason?: StatusReason): string | undefined {
  if (status === 'preparing' && reason?.code === 'choosing-backend') return 'trial';
  return status === 'teacher' ? 'teacher' : undefined;
}

/** The clock of the job `key`: kept while the job goes on, restarted when another begins. */
function jobClock(job: RunState['job'], key: string | undefined, done: number): RunState['job'] {
  if (key === undefined) return undefined;
  if (job && (job.key === key || (key === 'teacher' && job.key.startsWith('progress:')))) return job;
  return { key, startedAt: performance.now(), startDone: done };
}

export const lossColumnName = laneColumn;
export const evalColumnName = laneColumn;

/** Empty series in the layout the worker sent last (the session's, or a restart's). */
function emptySeries(layout?: RunLayout) {
  const lossNames = layout?.lossColumns.map((c) => lossColumnName(c.lane, c.key)) ?? [];
  const evalNames = layout
    ? Array.from({ length: layout.lanes }, (_, l) => layout.evalColumns.map((m) => evalColumnName(l, m.id))).flat()
    : [];
  return {
    loss: new Series(lossNames),
    evals: new Series(evalNames),
    speed: new Series(['stepsPerSecond']),
    gap: new Series([]),
  };
}

export const useRunStore = create<RunState>((set, get) => ({
  status: 'idle',
  step: 0,
  stepsPerSecond: 0,
  ...emptySeries(),
  selected: null,
  lane: 0,
  version: 0,
  notices: [],
  markers: [],
  select: (selected) => set({ selected }),
  selectLane: (lane) => set({ lane }),
  expectRestore(series, run) {
    const s = get();
    const fresh = { speed: new Series(['stepsPerSecond']), gap: new Series([]) };
    set({
      pending: series
        ? { ...series, ...fresh, run }
        : { loss: s.loss, evals: s.evals, speed: s.speed, gap: s.gap, run },
    });
  },
  cancelRestore: () => set({ pending: undefined }),
  notify: (notice) =>
    set((s) => ({ notices: [...s.notices.filter((n) => n.code !== SUPERSEDES[notice.code]), notice] })),
  mark: (marker) =>
    set((s) => ({ markers: [...s.markers.filter((m) => m.step < marker.step), marker], version: s.version + 1 })),
  dismissNotice: (notice) => set((s) => ({ notices: s.notices.filter((n) => n !== notice) })),
  handle(e) {
    const s = get();

    switch (e.type) {
      case 'status':
        set({ status: e.status, reason: e.reason, job: jobClock(s.job, jobKey(e.status, e.reason), 0) });
        break;
      case 'backend':
        set({ backend: e.info });
        break;
      case 'data':
        // A task may send its data twice: what the config says at once, then what the session
        // loaded (test images, a held-out passage), which belongs to the session just built.
        if (e.loaded && s.data?.kind === e.data.kind) set({ data: e.data });
        // New data: the worker dropped its session. Its backend is announced again on Play and
        // its tensors are gone, so the old task's readouts go too.
        else
          set({
            data: e.data,
            session: undefined,
            views: undefined,
            progress: undefined,
            selected: null,
            backend: undefined,
            numTensors: undefined,
          });
        break;
      case 'progress': {
        const job = jobClock(s.job, `progress:${e.phase}:${e.total}`, e.done)!;
        set({
          progress: { phase: e.phase, done: e.done, total: e.total, detail: e.detail },
          job: { ...job, leftMs: remainingMs(job.startedAt, job.startDone, e.done, e.total, performance.now()) },
        });
        break;
      }
      case 'session':
        set({
          session: e.info,
          ...emptySeries(e.info),
          step: 0,
          markers: [],
          // The new students' epoch comes with their first metrics batch; until then, none.
          epoch: undefined,
          evalStep: undefined,
          lane: Math.min(s.lane, e.info.lanes - 1),
          version: s.version + 1,
        });
        break;
      case 'columns':
        if (s.session) set({ session: { ...s.session, lossColumns: e.lossColumns }, version: s.version + 1 });
        break;
      case 'reset': {
        // The restarted students' layout comes with the event; the old session's columns (other
        // lanes, other objectives) must not outlive its students.
        const session = e.layout && s.session ? { ...s.session, ...e.layout } : undefined;
        set({
          session,
          ...emptySeries(session),
          step: 0,
          stepsPerSecond: 0,
          markers: [],
          views: undefined,
          epoch: undefined,
          evalStep: undefined,
          lane: session ? Math.min(s.lane, session.lanes - 1) : s.lane,
          version: s.version + 1,
        });
        break;
      }
      case 'metrics': {
        const b = e.batch;
        const indices = s.loss.columnIndices(b.columns);
        b.steps.forEach((step, i) => s.loss.pushMapped(step, b.losses, i * b.columns.length, indices));
        b.evals.forEach((ev) => {
          s.evals.push(ev.step, ev.values);
          if (ev.gap)
            s.gap.pushMapped(ev.step, ev.gap, 0, s.gap.columnIndices(Array.from(ev.gap, (_, c) => `gap:${c}`)));
        });
        if (b.steps.length) s.speed.push(b.step, [b.stepsPerSecond]);
        set({
          step: b.step,
          stepsPerSecond: b.steps.length ? b.stepsPerSecond : s.stepsPerSecond,
          numTensors: b.numTensors,
          epoch: b.epoch,
          // An evaluation of earlier students is no evaluation of these.
          evalStep: b.evals.at(-1)?.step ?? (b.epoch === s.epoch ? s.evalStep : undefined),
          version: s.version + 1,
        });
        break;
      }
      case 'views':
        set({ views: e.views });
        break;
      case 'continuing':
        if (!s.pending) s.expectRestore();
        break;
      case 'restored': {
        // The students are back at e.step: the run's series go on from there, and the evaluation
        // at e.step comes again with the next metrics.
        const kept = s.pending ?? { loss: s.loss, evals: s.evals, speed: s.speed, gap: s.gap };
        kept.loss.truncateAfter(e.step);
        kept.speed.truncateAfter(e.step);
        kept.evals.truncateAfter(e.step - 1);
        kept.gap.truncateAfter(e.step - 1);
        set({
          loss: kept.loss,
          evals: kept.evals,
          speed: kept.speed,
          gap: kept.gap,
          pending: undefined,
          resumed: { step: e.step, run: s.pending?.run },
          markers: s.markers.filter((m) => m.step <= e.step),
          step: e.step,
          evalStep: undefined,
          version: s.version + 1,
        });
        break;
      }
      case 'notice':
        s.notify(e.notice);
        break;
      case 'replaced':
        set({ replaced: e.snapshot });
        break;
      case 'truncate':
        s.loss.truncateAfter(e.step);
        s.evals.truncateAfter(e.step);
        s.speed.truncateAfter(e.step);
        s.gap.truncateAfter(e.step);
        set({
          step: e.step,
          evalStep: s.evals.steps.at(-1),
          markers: s.markers.filter((m) => m.step <= e.step),
          version: s.version + 1,
        });
        break;
    }
  },
}));
