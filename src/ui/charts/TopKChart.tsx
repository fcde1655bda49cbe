/**
 * Teachers that give only their top k, against k (issue 17 §4): each lane's latest held-out
 * accuracy, agreement with the whole teacher and calibration error (ECE) at its k, one line per
 * objective (forward and reverse KL side by side), and a table with each lane's bytes per
 * example and the probability its top k leave out. Shown when the lanes of a race keep
 * different numbers of classes. recharts: it changes only at each evaluation.
 */
import { useRef } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { laneTopKFits } from '../../config/schema';
import { getObjective } from '../../objectives';
import { useConfigStore } from '../../state/config';
import { evalColumnName, useRunStore } from '../../state/run';
import { forTask } from '../../tasks/registry';
import { percent } from '../format';
import { laneColor } from '../palette';
import { PngButton } from './PngButton';
import { comparesK, rowsByK, topKPoints, type TopKPoint } from './top-k-points';
import './top-k.css';

const METRICS = [
  { key: 'accuracy', label: 'Accuracy' },
  { key: 'agreement', label: 'Agreement' },
  { key: 'ece', label: 'ECE' },
] as const;

const pct = (v: number | undefined, digits = 1) => (v === undefined ? '—' : percent(v, digits));

function Small({
  points,
  metric,
  label,
}: {
  points: TopKPoint[];
  metric: (typeof METRICS)[number]['key'];
  label: string;
}) {
  const objectives = [...new Set(points.map((p) => p.objective))];
  return (
    <div className="top-k-small">
      <div className="top-k-small-title">{label}</div>
      <ResponsiveContainer width="100%" height={120}>
        <LineChart data={rowsByK(points, metric)} margin={{ top: 4, right: 8, bottom: 0, left: -18 }}>
          <CartesianGrid stroke="#e5e7eb" strokeDasharray="3 3" />
          <XAxis dataKey="k" tick={{ fontSize: 10 }} />
          <YAxis
            tick={{ fontSize: 10 }}
            tickCount={3}
            tickFormatter={(v: number) => percent(v, 0)}
            domain={['auto', 'auto']}
          />
          <Tooltip
            formatter={(v) => (typeof v === 'number' ? percent(v) : '—')}
            labelFormatter={(k) => `k = ${String(k)}`}
            isAnimationActive={false}
          />
          {objectives.map((o) => {
            const lane = points.find((p) => p.objective === o)!.lane;
            return (
              <Line
                key={o}
                dataKey={o}
                name={getObjective(o).name}
                stroke={laneColor(lane)}
                dot={{ r: 3 }}
                connectNulls
                isAnimationActive={false}
              />
            );
          })}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

export function TopKChart() {
  useRunStore((s) => s.version); // the series grow in place; version says they grew
  const task = useConfigStore((s) => s.config.task);
  const lanes = useConfigStore((s) => s.config.lanes);
  const session = useRunStore((s) => s.session);
  const body = useRef<HTMLDivElement>(null);
  if (!laneTopKFits(task)) return null;
  const classes = forTask(task).classes(task);
  if (!comparesK(lanes, classes)) return null;
  const { evals } = useRunStore.getState();
  const shown = lanes.slice(0, session?.lanes ?? lanes.length);
  const tail = session?.teacherTailMass?.length === classes + 1 ? session.teacherTailMass : undefined;
  const points = topKPoints(shown, classes, tail, (lane, m) => evals.last(evalColumnName(lane, m)));
  return (
    <figure className="chart-card top-k-chart" aria-label="Against k">
      <figcaption>
        <span className="chart-title">Against the teacher’s top k (latest evaluation)</span>
        <PngButton title="Against the teacher’s top k" target={body} />
      </figcaption>
      <div ref={body}>
        <div className="top-k-smalls">
          {METRICS.map((m) => (
            <Small key={m.key} points={points} metric={m.key} label={m.label} />
          ))}
        </div>
        <table className="top-k-table" aria-label="Top-k lanes">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">k</th>
              <th scope="col" title="Bytes per example">
                Bytes
              </th>
              <th scope="col" title="Probability outside the top k (held-out, T = 1)">
                Dropped
              </th>
              <th scope="col">Acc.</th>
              <th scope="col">Agree</th>
              <th scope="col">ECE</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.lane}>
                <th scope="row" title={`${getObjective(p.objective).name}, missing probability: ${p.missing}`}>
                  <span className="lane-swatch" style={{ background: laneColor(p.lane) }} aria-hidden="true" />
                  {p.lane + 1}
                </th>
                <td>{p.k}</td>
                <td>{p.bytes}</td>
                <td>{pct(p.truncated, 2)}</td>
                <td>{pct(p.accuracy)}</td>
                <td>{pct(p.agreement)}</td>
                <td>{pct(p.ece)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
