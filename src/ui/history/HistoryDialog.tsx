/**
 * Saved runs: open (restores the experiment), rename, delete, compare (overlay their curves),
 * and export or import the whole history as a file. The comparison chart uses recharts: it
 * shows saved, static curves, so its SVG is drawn once per change of selection.
 */
import { laneColumn } from '../../lib/columns';
import { useEffect, useMemo, useRef, useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { minMaxIndices } from '../../lib/downsample';
import { shortObjectiveName } from '../../objectives';
import { useHistoryStore } from '../../state/history-store';
import { openRun } from '../../state/open-run';
import { history, historyToJson, storageMessage, type SavedRun } from '../../state/history';
import { HistoryFileError } from '../../state/history-file';
import { importHistory } from '../../state/history-import';
import { PngButton } from '../charts/PngButton';
import { downloadText } from '../download';
import { fixed, percent, shortDateTime } from '../format';
import { LANE_COLORS } from '../palette';
import { Dialog } from '../Dialog';
import { JsonFileButton } from '../JsonFileButton';
import { SweepList } from './SweepList';

const METRICS = {
  agreement: { label: 'Agreement', series: 'evals', key: 'agreement', format: (v: number) => percent(v, 0) },
  studentAccuracy: {
    label: 'Student accuracy',
    series: 'evals',
    key: 'studentAccuracy',
    format: (v: number) => percent(v, 0),
  },
  kl: { label: 'KL(teacher‖student)', series: 'evals', key: 'kl', format: (v: number) => fixed(v, 2) },
  total: { label: 'Loss (total)', series: 'loss', key: 'total', format: (v: number) => fixed(v, 2) },
} as const;

function CompareChart({ runs }: { runs: SavedRun[] }) {
  const figure = useRef<HTMLElement>(null);
  const [metric, setMetric] = useState<keyof typeof METRICS>('agreement');
  const m = METRICS[metric];
  const { rows, lines } = useMemo(() => {
    const byStep = new Map<number, Record<string, number>>();
    const lines: { key: string; label: string; color: string }[] = [];
    runs.forEach((run, r) => {
      const s = run.series[m.series];
      run.config.lanes.forEach((lane, l) => {
        const col = s.columns[s.names.indexOf(laneColumn(l, m.key))];
        if (!col) return;
        const key = `r${r}l${l}`;
        lines.push({
          key,
          label: `${run.name} · ${shortObjectiveName(lane.objective)}`,
          color: LANE_COLORS[lines.length % LANE_COLORS.length]!,
        });
        for (const i of minMaxIndices(col, 150)) {
          const step = s.steps[i]!;
          const row = byStep.get(step) ?? { step };
          if (Number.isFinite(col[i]!)) row[key] = col[i]!;
          byStep.set(step, row);
        }
      });
    });
    return { rows: [...byStep.values()].sort((a, b) => a.step! - b.step!), lines };
  }, [runs, m]);
  return (
    <figure className="compare-chart" aria-label="Compare saved runs" ref={figure}>
      <figcaption>
        Compare{' '}
        <select
          aria-label="Metric to compare"
          value={metric}
          onChange={(e) => setMetric(e.target.value as keyof typeof METRICS)}
        >
          {Object.entries(METRICS).map(([k, v]) => (
            <option key={k} value={k}>
              {v.label}
            </option>
          ))}
        </select>
        <PngButton
          title={`Compare: ${m.label}`}
          target={figure}
          legend={lines.map((l) => ({ label: l.label, color: l.color }))}
        />
      </figcaption>
      <ResponsiveContainer width="100%" height={240}>
        <LineChart data={rows} margin={{ top: 6, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#e5e7eb" strokeDasharray="3 3" />
          <XAxis dataKey="step" type="number" domain={[0, 'auto']} tick={{ fontSize: 11 }} />
          <YAxis tick={{ fontSize: 11 }} tickFormatter={m.format} width={46} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? m.format(v) : String(v))} isAnimationActive={false} />
          <Legend wrapperStyle={{ fontSize: 11 }} />
          {lines.map((l) => (
            <Line
              key={l.key}
              dataKey={l.key}
              name={l.label}
              stroke={l.color}
              dot={false}
              isAnimationActive={false}
              connectNulls
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

/**
 * One line per student (a race's objectives and their numbers line up across the row): the
 * table stays as narrow as its longest objective, not as wide as a race written on one line.
 */
function LaneList({ values }: { values: string[] }) {
  return (
    <ul className="history-lanes">
      {values.map((v, i) => (
        <li key={i}>{v}</li>
      ))}
    </ul>
  );
}

export function HistoryDialog({ onClose }: { onClose(): void }) {
  const { runs, error, currentId } = useHistoryStore();
  const [compare, setCompare] = useState<string[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const refresh = () => useHistoryStore.getState().refresh();
  const act = (p: Promise<unknown>, done?: string) =>
    p
      .then(() => (done ? setMessage(done) : undefined))
      .catch((e: unknown) => setMessage(`Failed: ${storageMessage(e)}`))
      .finally(refresh);
  const selected = runs.filter((r) => compare.includes(r.id));
  // The list follows every save, here or in another tab, while the dialog is open.
  useEffect(() => useHistoryStore.getState().watch(), []);

  return (
    <Dialog title="Run history" closeLabel="Close history" onClose={onClose}>
      {error ? (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      ) : null}
      {message ? (
        <p className="notice" role="status">
          {message}
        </p>
      ) : null}
      <div className="dialog-actions">
        <button
          type="button"
          className="btn btn-small"
          disabled={!runs.length}
          onClick={() =>
            act(
              history
                .exportable()
                .then((all) => downloadText(historyToJson(all), 'kd-studio-history.json', 'application/json')),
            )
          }
        >
          Export history
        </button>
        <JsonFileButton
          label="Import history…"
          fileLabel="History file"
          onText={async (text) => {
            // A file that is no history file says so in its own words; storage failures in ours.
            await importHistory(text)
              .then(setMessage)
              .catch((err: unknown) =>
                setMessage(err instanceof HistoryFileError ? err.message : `Failed: ${storageMessage(err)}`),
              );
            void refresh();
          }}
        />
      </div>
      {runs.length === 0 ? (
        <p className="muted">No saved runs yet. Every run is saved here as it trains.</p>
      ) : (
        <table className="history-table" aria-label="Saved runs">
          <thead>
            <tr>
              <th scope="col">Compare</th>
              <th scope="col">Name</th>
              <th scope="col">Date</th>
              <th scope="col">Task</th>
              <th scope="col">Objectives</th>
              <th scope="col">Steps</th>
              <th scope="col">Agreement</th>
              <th scope="col">Accuracy</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.id} className={r.id === currentId ? 'current' : undefined}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Compare ${r.name}`}
                    checked={compare.includes(r.id)}
                    onChange={(e) =>
                      setCompare((c) => (e.target.checked ? [...c, r.id] : c.filter((id) => id !== r.id)))
                    }
                  />
                </td>
                <td>
                  <input
                    className="history-name"
                    aria-label="Run name"
                    defaultValue={r.name}
                    maxLength={200}
                    onBlur={(e) =>
                      e.target.value !== r.name && act(history.rename(r.id, e.target.value.trim() || r.name))
                    }
                    onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
                  />
                </td>
                <td>{shortDateTime(r.createdAt)}</td>
                <td
                  className="history-task"
                  title={r.summary.datasetHash ? `Data file SHA-256 ${r.summary.datasetHash}` : undefined}
                >
                  {r.summary.task}
                </td>
                <td>
                  <LaneList values={r.summary.objectives.map(shortObjectiveName)} />
                </td>
                <td
                  title={
                    r.summary.weightsStep !== undefined
                      ? `Students saved at step ${r.summary.weightsStep.toLocaleString('en-US')}: Open goes on from there`
                      : 'No students saved: Open runs it again'
                  }
                >
                  {r.summary.step.toLocaleString('en-US')}
                </td>
                <td className="history-number">
                  <LaneList values={r.summary.agreement.map((a) => percent(a))} />
                </td>
                <td className="history-number">
                  <LaneList values={r.summary.accuracy.map((a) => percent(a))} />
                </td>
                <td>
                  <div className="history-actions">
                    <button
                      type="button"
                      className="btn btn-small"
                      onClick={() => {
                        // With its students saved, the run itself goes on; else it runs again from step 0.
                        void openRun(r).then(setMessage);
                        if (!compare.includes(r.id)) setCompare((c) => [...c, r.id]);
                      }}
                    >
                      Open
                    </button>
                    <button
                      type="button"
                      className="btn btn-small btn-ghost"
                      aria-label={`Delete ${r.name}`}
                      onClick={() => act(history.remove(r.id), `Deleted “${r.name}”.`)}
                    >
                      Delete
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {selected.length ? <CompareChart runs={selected} /> : null}
      <SweepList onOpen={onClose} />
    </Dialog>
  );
}
