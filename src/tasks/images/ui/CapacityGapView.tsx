/**
 * The capacity-gap lab's chart under the image task's charts: shown while the experiment is a
 * point of the lab (a shipped Fashion-MNIST teacher, a one-layer MLP of the ladder) or once any
 * point was run. Each evaluation of the first lane updates its teacher × width × seed point.
 * "Run the whole ladder" runs the lab's grid (every teacher × every width × 3 seeds) as a sweep in
 * its own worker, with the sweep's progress and Cancel; its results view draws the same chart.
 */
import { useEffect, useMemo } from 'react';
import { gapPointOf, observedResult, useGapStore } from '../../../state/capacity-gap';
import { useConfigStore } from '../../../state/config';
import { evalColumnName, useRunStore } from '../../../state/run';
import { runSweep, useSweepStore } from '../../../state/sweep';
import { capacityGapSeries, capacityGapSpec, CAPACITY_GAP_BASE } from '../../../sweeps/capacity-gap';
import { CapacityGapCharts } from '../../../ui/sweep/CapacityGapChart';

/** Records the running point's latest evaluation (lane 0) whenever a new one arrives. */
function useRecordGapPoint(): void {
  const evalStep = useRunStore((s) => s.evalStep);
  const config = useConfigStore((s) => s.config);
  useEffect(() => {
    const point = gapPointOf(config);
    const { evals, session } = useRunStore.getState();
    if (!point || !session || evalStep === undefined) return;
    // The session must be this teacher's (the config may be edited before the restart).
    if (session.teacher.meta?.name !== point.teacher) return;
    const accuracy = evals.last(evalColumnName(0, 'studentAccuracy'));
    const agreement = evals.last(evalColumnName(0, 'agreement'));
    if (accuracy === undefined || agreement === undefined || !Number.isFinite(accuracy)) return;
    useGapStore.getState().record({
      ...point,
      seed: config.seed,
      step: evalStep,
      accuracy,
      agreement,
      teacherAccuracy: session.teacherMetrics.teacherAccuracy ?? NaN,
    });
  }, [evalStep, config]);
}

export function CapacityGapView() {
  useRecordGapPoint();
  const observed = useGapStore((s) => s.observed);
  const inLab = useConfigStore((s) => gapPointOf(s.config) !== null);
  const series = useMemo(() => capacityGapSeries(observedResult(observed)), [observed]);
  const sweeping = useSweepStore((s) => s.running !== null);
  if (!inLab && series.length === 0) return null;
  return (
    <section className="card capacity-gap-card" aria-label="Capacity gap">
      <header className="card-header">
        <strong>Capacity gap</strong>
        <span className="muted">
          first lane’s latest evaluation per teacher × student width × seed; switch Teacher › Size or the width and run
          again to add a point
        </span>
        <button
          type="button"
          className="btn btn-ghost btn-tiny"
          disabled={sweeping}
          title="Every shipped teacher × every student width × seeds 1–3, 600 steps each, as a sweep"
          onClick={() => {
            const config = useConfigStore.getState().config;
            // The current experiment when it is a point of the lab (its budget and objective apply).
            runSweep(capacityGapSpec(), gapPointOf(config) ? config : CAPACITY_GAP_BASE);
          }}
        >
          Run the whole ladder
        </button>
        {series.length ? (
          <button type="button" className="btn btn-ghost btn-tiny" onClick={() => useGapStore.getState().clear()}>
            Clear
          </button>
        ) : null}
      </header>
      {series.length ? (
        <CapacityGapCharts series={series} />
      ) : (
        <p className="muted">Run the experiment: its point appears at the first evaluation.</p>
      )}
    </section>
  );
}
