/** The oracle task's Data fields: the oracle, the teacher's draws, the pool, and each student's inputs. */
import { useConfigStore } from '../../../state/config';
import { NumberField } from '../../../ui/controls/fields';
import { LaneChoiceFields } from '../../../ui/controls/LaneChoiceFields';
import { ORACLE_DATA, laneDataOf, type OracleData } from '../schema';

const DATA_LABELS: Record<OracleData, string> = { pool: 'Fixed pool', fresh: 'Fresh every step' };
const OPTIONS = ORACLE_DATA.map((value) => ({ value, label: DATA_LABELS[value] }));

function LaneDataFields() {
  const task = useConfigStore((s) => (s.config.task.kind === 'oracle' ? s.config.task : undefined));
  if (!task) return null;
  return (
    <LaneChoiceFields
      path="task.laneData"
      legend="Inputs per student"
      options={OPTIONS}
      valueOf={(i) => laneDataOf(task, i)}
    />
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
