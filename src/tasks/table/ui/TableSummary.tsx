/** What the file holds, once read: rows, classes and features, the notices, and its first rows. */
import type { DataSummary } from '../../../worker/protocol';
import type { TableTask } from '../schema';

const count = (n: number) => n.toLocaleString('en-US');

export function TableSummary({ task, summary }: { task: TableTask; summary: DataSummary | null }) {
  if (!summary) return null;
  const table = summary.table;
  return (
    <div className="table-summary" aria-label="Table summary">
      <p className="field-hint">
        {count(summary.examples)} rows · {task.features} features · {task.classes} classes of “{task.labelColumn}”:{' '}
        {summary.classNames.slice(0, 12).join(', ')}
        {summary.classNames.length > 12 ? ', …' : ''}
      </p>
      {summary.notices.length ? (
        <ul className="table-notices" aria-label="Data notices">
          {summary.notices.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      ) : null}
      {table ? (
        <div className="table-preview-scroll">
          <table className="table-preview" aria-label="Table preview">
            <thead>
              <tr>
                {table.columns.map((c) => (
                  <th key={c} scope="col" className={c === task.labelColumn ? 'table-label-column' : undefined}>
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, r) => (
                <tr key={r}>
                  {row.map((cell, i) => (
                    <td key={i}>{cell}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
