/**
 * The several-teachers lab's chart: student − best single teacher (points of accuracy) against
 * the labelled fraction (log scale), one line per mix's KD student and one for the labels-only
 * student, the zero line marked: above it, the student beats every teacher alone.
 */
import { useMemo, useRef } from 'react';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { severalTeachersSeries, type TeachersPoint, type TeachersSeries } from '../../sweeps/several-teachers';
import type { SweepResult } from '../../sweeps/types';
import { PngButton } from '../charts/PngButton';
import { percent } from '../format';
import { laneColor } from '../palette';
import './capacity-gap.css';
import { signed } from '../../lib/signed';

const pts = (v: number) => signed(v * 100, 1, { plus: true });

export function SeveralTeachersCharts({ series }: { series: TeachersSeries[] }) {
  const body = useRef<HTMLDivElement>(null);
  if (series.length === 0) return null;
  const fractions = series.flatMap((s) => s.points.map((p) => p.fraction));
  const gaps = series.flatMap((s) => s.points.map((p) => p.gap));
  const lo = Math.min(0, Math.floor(Math.min(...gaps) * 100) / 100);
  const hi = Math.max(0, Math.ceil(Math.max(...gaps) * 100) / 100);
  return (
    <div className="capacity-gap several-teachers-chart">
      <figure className="capacity-gap-panel">
        <figcaption>
          <span>
            Student − best single teacher (points){' '}
            <span className="muted">against the labelled fraction (log scale); above 0, it beats every teacher</span>
          </span>
          <PngButton title="Several teachers: student − best teacher" target={body} />
        </figcaption>
        <div ref={body}>
          <ResponsiveContainer width="100%" height={220}>
            <LineChart margin={{ top: 12, right: 12, bottom: 0, left: -8 }}>
              <CartesianGrid stroke="#e5e7eb" strokeDasharray="3 3" />
              <XAxis
                dataKey="fraction"
                type="number"
                scale="log"
                domain={[Math.min(...fractions) / 1.3, Math.max(...fractions) * 1.3]}
                ticks={[...new Set(fractions)]}
                tickFormatter={(v: number) => `${+(v * 100).toFixed(2)}%`}
                tick={{ fontSize: 10 }}
                allowDataOverflow
              />
              <YAxis domain={[lo, hi]} tickFormatter={pts} tick={{ fontSize: 10 }} width={44} />
              <ReferenceLine
                y={0}
                stroke="#111827"
                strokeDasharray="4 2"
                label={{ value: 'best teacher', position: 'insideTopRight', fontSize: 10 }}
              />
              <Tooltip
                isAnimationActive={false}
                formatter={(v) => (typeof v === 'number' ? `${pts(v)} pts` : '—')}
                labelFormatter={(_, payload) => {
                  const p = payload[0]?.payload as TeachersPoint | undefined;
                  return p
                    ? `labels ${percent(p.fraction)} · student ${percent(p.accuracy)} · best teacher ${percent(p.bestTeacher)} · ${p.runs} run${p.runs === 1 ? '' : 's'}`
                    : '';
                }}
              />
              <Legend wrapperStyle={{ fontSize: 11 }} />
              {series.map((s, i) => (
                <Line
                  key={s.name}
                  data={s.points}
                  dataKey="gap"
                  name={s.name}
                  stroke={laneColor(i)}
                  dot={{ r: 3, fill: laneColor(i) }}
                  isAnimationActive={false}
                />
              ))}
            </LineChart>
          </ResponsiveContainer>
        </div>
      </figure>
      <ul className="capacity-gap-best" aria-label="Student minus best teacher">
        {series.map((s) => (
          <li key={s.name}>
            {s.name}:{' '}
            {s.points.map((p, k) => (
              <span key={p.fraction}>
                {k ? ', ' : ''}
                labels {percent(p.fraction)} <strong>{pts(p.gap)} pts</strong>
              </span>
            ))}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The sweep dialog's chart for the several-teachers lab (src/ui/sweep/lab-charts.tsx maps the lab id here). */
export function SeveralTeachersChart({ result }: { result: SweepResult }) {
  const series = useMemo(() => severalTeachersSeries(result), [result]);
  return <SeveralTeachersCharts series={series} />;
}
