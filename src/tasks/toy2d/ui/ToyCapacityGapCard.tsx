/**
 * The toy capacity-gap lab's card under the toy views, shown while the experiment is a point of
 * the ladder (one-layer MLP teacher and student). "Run the ladder" runs every teacher width ×
 * every student width × 3 seeds as a sweep in its own worker; its results view draws the chart.
 */
import { useConfigStore } from '../../../state/config';
import { runSweep, useSweepStore } from '../../../state/sweep';
import { isToyGapPoint, toyCapacityGapSpec, TOY_STUDENT_WIDTHS, TOY_TEACHER_WIDTHS } from '../capacity-gap';

export function ToyCapacityGapCard() {
  const inLab = useConfigStore((s) => isToyGapPoint(s.config));
  const sweeping = useSweepStore((s) => s.running !== null);
  if (!inLab) return null;
  return (
    <section className="card capacity-gap-card" aria-label="Toy capacity gap">
      <header className="card-header">
        <strong>Capacity gap (toy ladder)</strong>
        <span className="muted">
          teachers of hidden width {TOY_TEACHER_WIDTHS.join(', ')} × students of width {TOY_STUDENT_WIDTHS.join(', ')},
          each teacher trained here once per seed
        </span>
        <button
          type="button"
          className="btn btn-ghost btn-tiny"
          disabled={sweeping}
          title="Every teacher width × every student width × seeds 1–3, as a sweep from this experiment"
          onClick={() => {
            const config = useConfigStore.getState().config;
            runSweep(toyCapacityGapSpec([1, 2, 3], config.train.steps), config);
          }}
        >
          Run the ladder
        </button>
      </header>
    </section>
  );
}
