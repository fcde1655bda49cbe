/**
 * The several-teachers lab under the image task's charts, while Several teachers is on: "Run it
 * as a sweep" runs the lab's grid (labelled fraction × mix × 2 seeds) from the current experiment
 * in the sweep's own worker; its results view draws student − best teacher against the fraction.
 */
import { useConfigStore } from '../../../state/config';
import { runSweep, useSweepStore } from '../../../state/sweep';
import { LABELLED_FRACTIONS, severalTeachersSpec } from '../../../sweeps/several-teachers';

export function SeveralTeachersView() {
  const on = useConfigStore((s) => s.config.teacher.ensemble !== undefined);
  const sweeping = useSweepStore((s) => s.running !== null);
  if (!on) return null;
  return (
    <section className="card several-teachers-card" aria-label="Several teachers">
      <header className="card-header">
        <strong>Several teachers</strong>
        <span className="muted">
          does a student of the mix beat every teacher alone? Labelled fraction{' '}
          {LABELLED_FRACTIONS.map((f) => `${f * 100}%`).join(', ')} × every mix, seeds 1–2, charted as student − best
          teacher
        </span>
        <button
          type="button"
          className="btn btn-ghost btn-tiny"
          disabled={sweeping}
          title="Labelled fraction × mix × seeds 1–2, 1000 steps each, as a sweep from this experiment"
          onClick={() => runSweep(severalTeachersSpec(), useConfigStore.getState().config)}
        >
          Run it as a sweep
        </button>
      </header>
    </section>
  );
}
