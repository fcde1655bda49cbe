/**
 * The toy capacity-gap lab's card under the toy views, shown while the experiment is a point of
 * the ladder (one-layer MLP teacher and student) or once any point was run. Each evaluation of
 * the first lane updates its teacher width × student width × seed point, as the Fashion lab's
 * card does. "Run the ladder" runs every teacher width × every student width × 3 seeds as a
 * sweep in its own worker; its results view draws the same chart.
 */
import { useMemo } from 'react';
import { paramCount } from '../../../lib/param-count';
import { observedResult, useGapStore } from '../../../state/capacity-gap';
import { useConfigStore } from '../../../state/config';
import { runSweep, useSweepStore } from '../../../state/sweep';
import { CapacityGapCharts } from '../../../ui/sweep/CapacityGapChart';
import { useRecordGapPoint, type GapPointOf } from '../../../ui/sweep/useRecordGapPoint';
import {
  isToyGapPoint,
  toyCapacityGapSeries,
  toyCapacityGapSpec,
  TOY_CAPACITY_GAP_LAB,
  TOY_STUDENT_WIDTHS,
  TOY_TEACHER_WIDTHS,
} from '../capacity-gap';

/** The toy ladder's point of a session built for it: its teacher and student have the config's sizes. */
const toyPoint: GapPointOf = (config, session) => {
  const t = config.teacher.model;
  const s = config.student;
  if (!isToyGapPoint(config) || t.kind !== 'mlp' || s.kind !== 'mlp' || config.task.kind !== 'toy2d') return null;
  const classes = config.task.classes;
  if (session.teacher.params !== paramCount(t, [2], classes)) return null;
  if (session.studentParams !== paramCount(s, [2], classes)) return null;
  return { lab: TOY_CAPACITY_GAP_LAB, teacher: t.hidden[0]!, width: s.hidden[0]! };
};

export function ToyCapacityGapCard() {
  useRecordGapPoint(toyPoint);
  const inLab = useConfigStore((s) => isToyGapPoint(s.config));
  const config = useConfigStore((s) => s.config);
  const observed = useGapStore((s) => s.observed);
  const series = useMemo(
    () => toyCapacityGapSeries({ ...observedResult(observed, TOY_CAPACITY_GAP_LAB, toyCapacityGapSpec), base: config }),
    [observed, config],
  );
  const sweeping = useSweepStore((s) => s.running !== null);
  if (!inLab && series.length === 0) return null;
  return (
    <section className="card capacity-gap-card" aria-label="Toy capacity gap">
      <header className="card-header">
        <strong>Capacity gap (toy ladder)</strong>
        <span className="muted">
          first lane’s latest evaluation per teacher width × student width × seed; change the teacher’s or the student’s
          hidden width and run again to add a point. The ladder: teachers of width {TOY_TEACHER_WIDTHS.join(', ')} ×
          students of width {TOY_STUDENT_WIDTHS.join(', ')}
        </span>
        <button
          type="button"
          className="btn btn-ghost btn-tiny"
          disabled={sweeping}
          title="Every teacher width × every student width × seeds 1–3, as a sweep from this experiment"
          onClick={() => {
            const current = useConfigStore.getState().config;
            runSweep(toyCapacityGapSpec([1, 2, 3], current.train.steps), current);
          }}
        >
          Run the ladder
        </button>
        {series.length ? (
          <button
            type="button"
            className="btn btn-ghost btn-tiny"
            onClick={() => useGapStore.getState().clear(TOY_CAPACITY_GAP_LAB)}
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
