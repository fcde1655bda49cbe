/** The run's series as CSV (one row per step, evaluations where they happened) or JSON. */
import { useConfigStore } from '../../state/config';
import { currentStamp } from '../../state/link';
import { useRunStore } from '../../state/run';
import type { Series } from '../../state/series';

const cell = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '' : String(v));

export function metricsCsv(): string {
  const { loss, evals } = useRunStore.getState();
  const evalRow = new Map(evals.steps.map((s, i) => [s, i]));
  const header = ['step', ...loss.names.map((n) => `loss:${n}`), ...evals.names.map((n) => `eval:${n}`)];
  const steps = [...new Set([...loss.steps, ...evals.steps])].sort((a, b) => a - b);
  const lossRow = new Map(loss.steps.map((s, i) => [s, i]));
  const rows = steps.map((step) => {
    const li = lossRow.get(step);
    const ei = evalRow.get(step);
    return [
      step,
      ...loss.columns.map((c) => cell(li === undefined ? undefined : c[li])),
      ...evals.columns.map((c) => cell(ei === undefined ? undefined : c[ei])),
    ].join(',');
  });
  return [header.join(','), ...rows].join('\n');
}

const plain = (s: Series) => ({
  names: s.names,
  steps: s.steps,
  columns: s.columns.map((c) => c.map((v) => (Number.isFinite(v) ? v : null))),
});

export function metricsJson(): string {
  const run = useRunStore.getState();
  return JSON.stringify({
    format: 'kd-studio-metrics',
    stamp: currentStamp(),
    config: useConfigStore.getState().config,
    teacher: run.session?.teacherMetrics,
    series: { loss: plain(run.loss), evals: plain(run.evals), gap: plain(run.gap), stepsPerSecond: plain(run.speed) },
  });
}
