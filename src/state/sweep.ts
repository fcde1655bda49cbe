/**
 * The sweep the page shows: the dialog that sets one up (prefilled by a lab, or from the
 * current experiment), the sweep running in its own worker (progress, estimate, Cancel), and
 * the results view (from a finished sweep, History or a link). "Does KD beat labels only?" is a
 * sweep too: no axis, five seeds, the current objective and a no-teacher lane side by side.
 */
import { create } from 'zustand';
import { laneFor } from '../config/lanes';
import type { ExperimentConfig } from '../config/schema';
import { seedsFrom } from '../sweeps/grid';
import { sweepTitle } from '../sweeps/title';
import type { SweepResult, SweepSpec } from '../sweeps/types';
import { VERDICT_SEEDS } from '../sweeps/verdict';
import { startSweep, type SweepHandle } from '../worker/sweep-client';
import type { SweepProgress } from '../worker/sweep-protocol';
import { useConfigStore } from './config';
import { saveSweep } from './sweep-history';
import { rememberMsPerStep } from './sweep-estimate';

export type { SweepProgress };

export interface RunningSweep {
  spec: SweepSpec;
  base: ExperimentConfig;
  startedAt: number;
  progress: SweepProgress;
}

interface SweepState {
  /** The set-up dialog, open with this spec prefilled (null: closed). */
  draft: SweepSpec | null;
  running: RunningSweep | null;
  /** The latest results (a partial one while running); shown while `viewing`. */
  result: SweepResult | null;
  viewing: boolean;
  error?: string;
  /** Set when the shown results were saved in History. */
  savedId?: string;
}

export const useSweepStore = create<SweepState>(() => ({ draft: null, running: null, result: null, viewing: false }));

let handle: SweepHandle | null = null;

/** Opens the sweep dialog with `spec` prefilled (a lab preset starts its sweep this way); the current experiment's default otherwise. */
export function openSweepDialog(spec?: SweepSpec): void {
  const cfg = useConfigStore.getState().config;
  useSweepStore.setState({
    draft: spec ?? { axes: [], seeds: seedsFrom(cfg.seed, 3), steps: Math.min(cfg.train.steps, 300) },
    error: undefined,
  });
}

export const closeSweepDialog = () => useSweepStore.setState({ draft: null });
export const closeSweepResults = () =>
  useSweepStore.setState((s) =>
    s.running ? { viewing: false } : { viewing: false, result: null, error: undefined, savedId: undefined },
  );
export const showSweepResult = (result: SweepResult, savedId?: string) =>
  useSweepStore.setState({ result, savedId, error: undefined, viewing: true });
/** Back to the running sweep's results (their dialog was closed while it ran). */
export const viewRunningSweep = () => useSweepStore.setState({ viewing: true });

/** Starts `spec` on `base` (the current experiment by default); the results view follows it. */
export function runSweep(spec: SweepSpec, base: ExperimentConfig = useConfigStore.getState().config): void {
  if (useSweepStore.getState().running) return;
  const startedAt = Date.now();
  const empty = { done: 0, total: 0, msPerRun: NaN, points: [] };
  const partial = (points: SweepResult['points'], complete: boolean, backend = ''): SweepResult => ({
    spec,
    base,
    points,
    complete,
    backend,
    ms: Date.now() - startedAt,
    at: Date.now(),
  });
  useSweepStore.setState({
    draft: null,
    running: { spec, base, startedAt, progress: empty },
    result: partial([], false),
    viewing: true,
    error: undefined,
    savedId: undefined,
  });
  handle = startSweep(spec, base, (progress) =>
    useSweepStore.setState((s) => ({
      running: s.running && { ...s.running, progress },
      result: partial(progress.points, false, s.result?.backend),
    })),
  );
  void handle.answer.then(async (a) => {
    handle = null;
    const points = a.ok ? a.points : (useSweepStore.getState().running?.progress.points ?? []);
    const result = partial(points, a.ok, a.backend ?? '');
    // Whether or not its view was closed, a finished sweep shows its results.
    useSweepStore.setState({ running: null, result, viewing: true, error: a.ok ? undefined : a.error });
    const runs = points.reduce((n, p) => n + p.runs.length, 0);
    if (a.ok && runs) rememberMsPerStep(a.ms / (runs * spec.steps));
    if (points.some((p) => p.runs.length)) {
      const savedId = await saveSweep(sweepTitle(spec), result).catch(() => undefined);
      if (useSweepStore.getState().result === result) useSweepStore.setState({ savedId });
    }
  });
}

export function cancelSweep(): void {
  handle?.cancel();
}

/** "Does KD beat labels only, here?": the experiment's first distillation lane against a no-teacher lane, on five seeds at its budget. */
export function runVerdict(config: ExperimentConfig = useConfigStore.getState().config): void {
  const kd = config.lanes.find((l) => l.objective !== 'baseline') ?? config.lanes[0]!;
  const base: ExperimentConfig = { ...config, lanes: [kd, laneFor('baseline')] };
  runSweep(
    {
      axes: [],
      seeds: seedsFrom(config.seed, VERDICT_SEEDS),
      steps: config.train.steps,
      verdict: { kdLane: 0, baselineLane: 1 },
      title: 'Does KD beat labels only?',
    },
    base,
  );
}
