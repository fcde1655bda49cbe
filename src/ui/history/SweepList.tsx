/** History's sweeps (state/sweep-history.ts): each reopens its results, or is deleted. */
import { useEffect, useState } from 'react';
import { onHistoryChange } from '../../state/history-db';
import { showSweepResult } from '../../state/sweep';
import { deleteSweep, listSweeps, type SweepRecord } from '../../state/sweep-history';
import { shortDateTime } from '../format';

export function SweepList({ onOpen }: { onOpen(): void }) {
  const [sweeps, setSweeps] = useState<SweepRecord[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const load = () =>
      void listSweeps().then(setSweeps, (e: unknown) => setError(`Sweeps could not be read: ${String(e)}`));
    load();
    return onHistoryChange(load);
  }, []);
  if (error) return <p className="notice notice-error">{error}</p>;
  if (!sweeps?.length) return null;
  return (
    <table className="history-table" aria-label="Saved sweeps">
      <thead>
        <tr>
          <th scope="col">Sweep</th>
          <th scope="col">Date</th>
          <th scope="col">Runs</th>
          <th scope="col" />
        </tr>
      </thead>
      <tbody>
        {sweeps.map((s) => (
          <tr key={s.id}>
            <td>{s.title}</td>
            <td>{shortDateTime(s.createdAt)}</td>
            <td>
              {s.result.points.reduce((n, p) => n + p.runs.length, 0)}
              {s.result.complete ? '' : ' (stopped early)'}
            </td>
            <td>
              <div className="history-actions">
                <button
                  type="button"
                  className="btn btn-small"
                  onClick={() => {
                    onOpen();
                    showSweepResult(s.result, s.id);
                  }}
                >
                  Open results
                </button>
                <button
                  type="button"
                  className="btn btn-small btn-ghost"
                  aria-label={`Delete sweep ${s.title}`}
                  onClick={() => void deleteSweep(s.id)}
                >
                  Delete
                </button>
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
