/**
 * The several-teachers lab under the image task's charts, while Several teachers is on: the last
 * run's teachers side by side (each one's own test accuracy and how often it agrees with the mix,
 * then the mix's accuracy), and "Run it as a sweep", which runs the lab's grid (labelled fraction
 * × mix × 2 seeds) from the current experiment in the sweep's own worker; its results view draws
 * student − best teacher against the labelled fraction.
 */
import { useConfigStore } from '../../../state/config';
import { useRunStore } from '../../../state/run';
import { runSweep, useSweepStore } from '../../../state/sweep';
import { LABELLED_FRACTIONS, severalTeachersSpec } from '../../../sweeps/several-teachers';
import { percent } from '../../../ui/format';
import { TeacherMapView } from './TeacherMapView';
import './several-teachers.css';

/** Each teacher of the mix and the mix itself, as measured by the session the worker loaded last, then image by image. */
function MembersTable() {
  const session = useRunStore((s) => s.session);
  const teacher = useConfigStore((s) => s.config.teacher);
  const members = session?.teacherMembers;
  if (!members || !teacher.ensemble)
    return <p className="muted">Run the experiment to see each teacher beside the mix.</p>;
  const names = [teacher.model, ...teacher.ensemble.with].map((m) =>
    m.kind === 'pretrained' ? m.id : m.kind === 'imported' ? m.name : m.kind,
  );
  // The config may have changed since: names only while they still describe what was measured.
  const named = names.length === members.length;
  const shown = members.map((_, i) => (named ? names[i]! : `teacher ${i + 1}`));
  return (
    <>
      <table className="several-teachers-members" aria-label="Each teacher and the mix">
        <thead>
          <tr>
            <th scope="col">Teacher</th>
            <th scope="col">Test accuracy</th>
            <th scope="col">Agrees with the mix</th>
          </tr>
        </thead>
        <tbody>
          {members.map((m, i) => (
            <tr key={i}>
              <th scope="row">{shown[i]}</th>
              <td>{percent(m.accuracy)}</td>
              <td>{percent(m.agreement)}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">the mix ({teacher.ensemble.mix})</th>
            <td>{percent(session.teacherMetrics.teacherAccuracy)}</td>
            <td>100.0%</td>
          </tr>
        </tbody>
      </table>
      {session.teacherMap ? <TeacherMapView map={session.teacherMap} names={shown} /> : null}
    </>
  );
}

export function SeveralTeachersView() {
  const on = useConfigStore((s) => s.config.teacher.ensemble !== undefined);
  const sweeping = useSweepStore((s) => s.running !== null);
  if (!on) return null;
  return (
    <section className="card several-teachers-card" aria-label="Several teachers lab">
      <header className="card-header">
        <strong>Several teachers lab</strong>
        <span className="muted">
          does a student of the mix beat every teacher alone? The sweep runs labelled fraction{' '}
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
      <MembersTable />
    </section>
  );
}
