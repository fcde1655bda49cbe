/**
 * The generic chart of a sweep: for one axis a line per lane of the metric's mean against the
 * axis, with 95% intervals as error bars (recharts: it changes once per finished run); for two
 * axes a heatmap of one lane's mean (SweepHeatmap).
 */
import { useRef } from 'react';
import { CartesianGrid, ErrorBar, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { MetricColumn, PointSummary } from '../../sweeps/table';
import type { SweepAxis } from '../../sweeps/types';
import { PngButton } from '../charts/PngButton';
import { LANE_COLORS } from '../palette';
import { metricText } from './SweepTable';

export function SweepLineChart(props: {
  axis: SweepAxis;
  lanes: string[];
  metric: MetricColumn;
  rows: PointSummary[];
}) {
  const { axis, lanes, metric, rows } = props;
  const figure = useRef<HTMLElement>(null);
  const numeric = rows.every((r) => typeof r.values[0] === 'number');
  const data = rows.map((r) => ({
    x: r.values[0],
    ...Object.fromEntries(
      r.lanes.flatMap((s, i) => [
        [`m${i}`, Number.isFinite(s.mean) ? s.mean : null],
        [`e${i}`, Number.isFinite(s.ci95) ? s.ci95 : 0],
      ]),
    ),
  }));
  const title = `${metric.label} against ${axis.label ?? axis.path}`;
  return (
    <figure className="sweep-chart" aria-label={title} ref={figure}>
      <figcaption>
        {title} (mean over seeds, bars: 95% interval)
        <PngButton
          title={title}
          target={figure}
          legend={lanes.map((l, i) => ({ label: l, color: LANE_COLORS[i % LANE_COLORS.length]! }))}
        />
      </figcaption>
      <ResponsiveContainer width="100%" height={260}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid stroke="#e5e7eb" strokeDasharray="3 3" />
          <XAxis
            dataKey="x"
            type={numeric ? 'number' : 'category'}
            domain={numeric ? ['dataMin', 'dataMax'] : undefined}
            ticks={numeric ? (axis.values as number[]) : undefined}
            tick={{ fontSize: 11 }}
            label={{ value: axis.label ?? axis.path, position: 'insideBottom', offset: -4, fontSize: 11 }}
            height={36}
          />
          <YAxis
            tick={{ fontSize: 11 }}
            tickFormatter={(v: number) => metricText(metric, v)}
            width={52}
            domain={['auto', 'auto']}
          />
          <Tooltip
            formatter={(v) => (typeof v === 'number' ? metricText(metric, v) : String(v))}
            isAnimationActive={false}
          />
          <Legend wrapperStyle={{ fontSize: 11 }} />
          {lanes.map((l, i) => (
            <Line
              key={l}
              dataKey={`m${i}`}
              name={l}
              stroke={LANE_COLORS[i % LANE_COLORS.length]}
              isAnimationActive={false}
              connectNulls
            >
              <ErrorBar dataKey={`e${i}`} width={4} stroke={LANE_COLORS[i % LANE_COLORS.length]} />
            </Line>
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

/** Two axes: a cell per point, its colour the lane's mean (light to dark), its text the value. */
export function SweepHeatmap(props: {
  axes: SweepAxis[];
  lane: string;
  laneIndex: number;
  metric: MetricColumn;
  rows: PointSummary[];
}) {
  const { axes, lane, laneIndex, metric, rows } = props;
  const [a, b] = axes as [SweepAxis, SweepAxis];
  const means = rows.map((r) => r.lanes[laneIndex]?.mean ?? NaN);
  const finite = means.filter(Number.isFinite);
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  const cell = (i: number, j: number) =>
    rows.findIndex((r) => r.values[0] === a.values[i] && r.values[1] === b.values[j]);
  const title = `${metric.label} of ${lane}: ${a.label ?? a.path} × ${b.label ?? b.path}`;
  return (
    <figure className="sweep-heatmap" aria-label={title}>
      <figcaption>{title} (mean over seeds; darker is higher)</figcaption>
      <table>
        <thead>
          <tr>
            <th scope="col">
              {a.label ?? a.path} ↓ / {b.label ?? b.path} →
            </th>
            {b.values.map((v) => (
              <th key={String(v)} scope="col">
                {String(v)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {a.values.map((va, i) => (
            <tr key={String(va)}>
              <th scope="row">{String(va)}</th>
              {b.values.map((vb, j) => {
                const k = cell(i, j);
                const m = k >= 0 ? means[k]! : NaN;
                const t = Number.isFinite(m) ? (hi > lo ? (m - lo) / (hi - lo) : 1) : 0;
                return (
                  <td
                    key={String(vb)}
                    style={{
                      background: Number.isFinite(m) ? `rgb(37 99 235 / ${(0.08 + 0.8 * t).toFixed(2)})` : undefined,
                    }}
                    className={t > 0.55 ? 'heat-dark' : undefined}
                  >
                    {metricText(metric, m)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
