/**
 * The capacity-gap lab's chart under the image task's charts: shown while the experiment is a
 * point of the lab (a shipped Fashion-MNIST teacher, a one-layer MLP of the ladder) or once any
 * point was run. Each evaluation of the first lane updates its teacher × width × seed point.
 * "Run the whole ladder" runs the lab's grid (every teacher × every width × 3 seeds) as a sweep in
 * its own worker, with the sweep's progress and Cancel; its results view draws the same chart.
 */
import { useMemo } from 'react';
import { gapPointOf, observedResult, useGapStore } from '../../../state/capacity-gap';
import { useConfigStore } from '../../../state/config';
import { runSweep, useSweepStore } from '../../../state/sweep';
import { capacityGapSeries, capacityGapSpec, CAPACITY_GAP_BASE, CAPACITY_GAP_LAB } from '../../../sweeps/capacity-gap';
import { CapacityGapCharts } from '../../../ui/sweep/CapacityGapChart';
import { useRecordGapPoint, type GapPointOf } from '../../../ui/sweep/useRecordGapPoint';

/** The Fashion ladder's point of a session built for it (its teacher is the one loaded). */
const fashionPoint: GapPointOf = (config, session) => {
  const point = gapPointOf(config);
  return point && session.teacher.meta?.name === point.teacher ? point : null;
};

export function CapacityGapView() {
  useRecordGapPoint(fashionPoint);
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
          <button
            type="button"
            className="btn btn-ghost btn-tiny"
            onClick={() => useGapStore.getState().clear(CAPACITY_GAP_LAB)}
          >
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
