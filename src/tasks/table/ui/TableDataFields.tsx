/**
 * The table task's Data fields: the file (drop, pick or the penguins sample), which column is
 * the label, what happens to rows with missing values, the test share and the seed; then what
 * the file holds (counts, notices, the first rows). Changing the label column or the missing
 * values re-reads the file in the worker: the experiment takes the result only if it serves.
 */
import { useId, useState } from 'react';
import { applyDataTask, useDataSummary, useDataTaskRefresh } from '../../../state/data-task';
import { useConfigStore } from '../../../state/config';
import { DatasetSource } from '../../../ui/data/DatasetSource';
import { FieldLabel, NumberField, useControlHidden } from '../../../ui/controls/fields';
import { PENGUINS_SAMPLE } from '../sample';
import type { TableTask } from '../schema';
import { TableSummary } from './TableSummary';

const SAMPLES = [{ label: 'Palmer Penguins', ref: PENGUINS_SAMPLE }] as const;

/** A select whose change re-reads the file (the worker decides features and classes from it). */
function ReadSelect(props: {
  path: string;
  label: string;
  value: string;
  options: readonly { value: string; label: string }[];
  onPick(value: string): void;
}) {
  const id = useId();
  if (useControlHidden(props.path)) return null;
  return (
    <div className="field" data-path={props.path}>
      <FieldLabel htmlFor={id} label={props.label} />
      <select id={id} value={props.value} onChange={(e) => props.onPick(e.target.value)}>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function Fields({ task }: { task: TableTask }) {
  useDataTaskRefresh(task);
  const summary = useDataSummary(task);
  const [problem, setProblem] = useState<string | null>(null);
  const reread = async (patch: Partial<TableTask>) => {
    setProblem(null);
    setProblem(await applyDataTask({ ...task, ...patch }));
  };
  const columns = summary?.table?.columns ?? [task.labelColumn];
  return (
    <>
      <p className="field-hint">
        A CSV or TSV file whose first line names the columns, one example per row. Numeric columns become features
        (standardised), text columns with at most 20 values are one-hot encoded. Your file stays in this browser.
      </p>
      <DatasetSource
        kind="table"
        what="a CSV or TSV table"
        accept=".csv,.tsv,.tab,.txt,text/csv,text/tab-separated-values"
        current={task.dataset}
        samples={SAMPLES}
        // Another file has other columns: its label column is found afresh.
        use={(ref) => applyDataTask({ ...task, dataset: ref, labelColumn: '' })}
      />
      <div className="field-grid">
        <ReadSelect
          path="task.labelColumn"
          label="Label column"
          value={task.labelColumn}
          options={columns.map((c) => ({ value: c, label: c }))}
          onPick={(labelColumn) => void reread({ labelColumn })}
        />
        <ReadSelect
          path="task.missing"
          label="Missing values"
          value={task.missing}
          options={[
            { value: 'drop', label: 'Drop the row' },
            { value: 'impute', label: 'Fill with the mean' },
          ]}
          onPick={(missing) => void reread({ missing: missing as TableTask['missing'] })}
        />
        <NumberField path="task.testFraction" label="Test %" scale={100} />
        <NumberField path="seed" label="Seed" />
      </div>
      {problem ? (
        <p className="field-error" role="alert" aria-label="Table setting problem">
          {problem}
        </p>
      ) : null}
      <TableSummary task={task} summary={summary} />
    </>
  );
}

export function TableDataFields() {
  const task = useConfigStore((s) => s.config.task);
  return task.kind === 'table' ? <Fields task={task} /> : null;
}
