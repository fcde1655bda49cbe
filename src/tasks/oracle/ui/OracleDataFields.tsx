/** The oracle task's Data fields: the oracle, the teacher's draws, the pool, and each student's inputs. */
import { useConfigStore } from '../../../state/config';
import { NumberField } from '../../../ui/controls/fields';
import { ORACLE_DATA, laneDataOf, type OracleData } from '../schema';
import './oracle.css';

const DATA_LABELS: Record<OracleData, string> = { pool: 'Fixed pool', fresh: 'Fresh every step' };

/** One select per student lane; an edit writes the whole list, so a lane added later can be set too. */
function LaneDataFields() {
  const lanes = useConfigStore((s) => s.config.lanes.length);
  const task = useConfigStore((s) => (s.config.task.kind === 'oracle' ? s.config.task : undefined));
  const problem = useConfigStore((s) => s.errors['task.laneData']);
  if (!task) return null;
  const set = (lane: number, value: OracleData) => {
    const next = Array.from({ length: lanes }, (_, i) => (i === lane ? value : laneDataOf(task, i)));
    useConfigStore.getState().update('task.laneData', next);
  };
  return (
    <fieldset className="field lane-data" data-path="task.laneData">
      <legend>Inputs per student</legend>
      {Array.from({ length: lanes }, (_, i) => (
        <label key={i} className="lane-data-row">
          <span>Student {i + 1}</span>
          <select value={laneDataOf(task, i)} onChange={(e) => set(i, e.target.value as OracleData)}>
            {ORACLE_DATA.map((d) => (
              <option key={d} value={d}>
                {DATA_LABELS[d]}
              </option>
            ))}
          </select>
        </label>
      ))}
      {problem ? (
        <p className="field-error" role="alert">
          {problem.message}
        </p>
      ) : null}
    </fieldset>
  );
}

export function OracleDataFields() {
  return (
    <>
      <div className="field-grid">
        <NumberField path="task.classes" label="Classes" />
        <NumberField path="task.oracleWidth" label="Oracle width" />
        <NumberField path="task.sharpness" label="Oracle sharpness" />
        <NumberField path="task.teacherPoints" label="Teacher points" />
        <NumberField path="task.pool" label="Pool size" />
        <NumberField path="task.testPoints" label="Held-out points" />
        <NumberField path="seed" label="Seed" />
      </div>
      <LaneDataFields />
    </>
  );
}
