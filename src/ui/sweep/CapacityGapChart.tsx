/**
 * The capacity-gap lab's charts: student accuracy and agreement with the teacher against the
 * teacher/student size ratio (log scale), one line per student width, each width's best teacher
 * ringed. Drawn with recharts: the points change once per evaluation at most.
 */
import { useMemo, useRef } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { capacityGapSeries, type GapPoint, type GapSeries } from '../../sweeps/capacity-gap';
import { toyCapacityGapSeries } from '../../tasks/toy2d/capacity-gap';
import type { SweepResult } from '../../sweeps/types';
import { PngButton } from '../charts/PngButton';
import { percent } from '../format';
import { laneColor } from '../palette';
import './capacity-gap.css';

type Metric = 'accuracy' | 'agreement';

/** A dot, ringed and labelled when it is its line's best teacher. */
function dotFor(series: GapSeries, color: string) {
  function GapDot(props: { cx?: number; cy?: number; payload?: GapPoint }) {
    const { cx, cy, payload } = props;
    if (cx === undefined || cy === undefined || !payload) return null;
    const best = payload.teacher === series.best.teacher;
    return (
      <g key={`${series.width}-${payload.teacher}`}>
        <circle cx={cx} cy={cy} r={3} fill={color} />
        {best ? (
          <>
            <circle cx={cx} cy={cy} r={7} fill="none" stroke={color} strokeWidth={2} />
            <text x={cx} y={cy - 10} textAnchor="middle" fontSize={10} fill={color}>
              best
            </text>
          </>
        ) : null}
      </g>
    );
  }
  return GapDot;
}

function Panel({ series, metric, title }: { series: GapSeries[]; metric: Metric; title: string }) {
  const body = useRef<HTMLDivElement>(null);
  const ratios = series.flatMap((s) => s.points.map((p) => p.ratio));
  const values = series.flatMap((s) => s.points.map((p) => p[metric]));
  const lo = Math.max(0, Math.floor(Math.min(...values) * 20) / 20);
  const hi = Math.min(1, Math.ceil(Math.max(...values) * 20) / 20);
  return (
    <figure className="capacity-gap-panel">
      <figcaption>
        <span>
          {title} <span className="muted">against teacher / student weights (log scale)</span>
        </span>
        <PngButton title={`Capacity gap: ${title}`} target={body} />
      </figcaption>
      <div ref={body}>
        <ResponsiveContainer width="100%" height={200}>
          <LineChart margin={{ top: 20, right: 12, bottom: 0, left: -8 }}>
            <CartesianGrid stroke="#e5e7eb" strokeDasharray="3 3" />
            <XAxis
              dataKey="ratio"
              type="number"
              scale="log"
              domain={[Math.min(...ratios) / 1.3, Math.max(...ratios) * 1.3]}
              tickFormatter={(v: number) => (v < 1 ? v.toFixed(2) : v.toFixed(1))}
              tick={{ fontSize: 10 }}
              allowDataOverflow
            />
            <YAxis domain={[lo, hi]} tickFormatter={(v: number) => percent(v)} tick={{ fontSize: 10 }} width={52} />
            <Tooltip
              isAnimationActive={false}
              formatter={(v) => (typeof v === 'number' ? percent(v) : '—')}
              labelFormatter={(_, payload) => {
                const p = payload[0]?.payload as GapPoint | undefined;
                return p
                  ? `${p.teacher} · ratio ${p.ratio.toFixed(2)} · teacher ${percent(p.teacherAccuracy)} · ${p.runs} run${p.runs === 1 ? '' : 's'}`
                  : '';
              }}
            />
            <Legend wrapperStyle={{ fontSize: 11 }} />
            {series.map((s, i) => (
              <Line
                key={s.width}
                data={s.points}
                dataKey={metric}
                name={`MLP ${s.width} (${s.params.toLocaleString('en-US')} params)`}
                stroke={laneColor(i)}
                dot={dotFor(s, laneColor(i))}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

/** The two panels and, under them, each width's best teacher in words. */
export function CapacityGapCharts({ series }: { series: GapSeries[] }) {
  if (series.length === 0) return null;
  return (
    <div className="capacity-gap">
      <div className="capacity-gap-pair">
        <Panel series={series} metric="accuracy" title="Student test accuracy" />
        <Panel series={series} metric="agreement" title="Agreement with its teacher" />
      </div>
      <ul className="capacity-gap-best" aria-label="Best teacher per student">
        {series.map((s) => (
          <li key={s.width}>
            MLP {s.width}: best teacher <strong>{s.best.teacher}</strong>, ratio{' '}
            <strong>{s.best.ratio.toFixed(2)}</strong>, accuracy <strong>{percent(s.best.accuracy)}</strong> (
            {s.points.length} teacher{s.points.length === 1 ? '' : 's'} tried)
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The sweep dialog's chart for the capacity-gap lab (src/ui/sweep/lab-charts.tsx maps the lab id here). */
export function CapacityGapChart({ result }: { result: SweepResult }) {
  const series = useMemo(() => capacityGapSeries(result), [result]);
  return <CapacityGapCharts series={series} />;
}

/** The same chart for the toy ladder (teachers named and sized by their hidden width). */
export function ToyCapacityGapChart({ result }: { result: SweepResult }) {
  const series = useMemo(() => toyCapacityGapSeries(result), [result]);
  return <CapacityGapCharts series={series} />;
}
