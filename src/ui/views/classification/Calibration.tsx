/**
 * Reliability diagrams (15 bins) of teacher and student: accuracy against confidence per bin,
 * with the diagonal of perfect calibration; empty bins have no bar, counts are in the tooltip. Drawn with recharts: these change only at each
 * evaluation, so the SVG redraw cost is paid every few seconds at most.
 */
import { useMemo, useRef } from 'react';
import { Bar, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { reliability } from '../../../lib/classification';
import { PngButton } from '../../charts/PngButton';
import { fixed } from '../../format';
import { TEACHER_COLOR, laneColor } from '../../palette';
import type { HeldOutLogits } from './types';

function Diagram({
  title,
  logits,
  labels,
  classes,
  noun,
  color,
}: {
  title: string;
  logits: Float32Array;
  labels: Int32Array;
  classes: number;
  noun: string;
  color: string;
}) {
  const r = useMemo(() => reliability(logits, labels, classes), [logits, labels, classes]);
  const body = useRef<HTMLDivElement>(null);
  // An empty bin has no accuracy: no bar (not a bar at 0); each bin's count is in the tooltip.
  const rows = r.bins.map((b) => ({
    bin: (b.upper - 1 / 30).toFixed(2),
    accuracy: b.count > 0 && Number.isFinite(b.accuracy) ? b.accuracy : null,
    ideal: b.upper - 1 / 30,
    count: b.count,
  }));
  return (
    <figure className="reliability">
      <figcaption>
        {title} · ECE <strong>{fixed(r.ece, 3)}</strong>
        <PngButton title={`${title} reliability (ECE ${fixed(r.ece, 3)})`} target={body} />
      </figcaption>
      <div ref={body}>
        <ResponsiveContainer width="100%" height={150}>
          <ComposedChart data={rows} margin={{ top: 4, right: 8, bottom: 0, left: -18 }}>
            <CartesianGrid stroke="#e5e7eb" strokeDasharray="3 3" />
            <XAxis dataKey="bin" tick={{ fontSize: 10 }} interval={2} />
            <YAxis domain={[0, 1]} tick={{ fontSize: 10 }} />
            <Tooltip
              formatter={(v) => (typeof v === 'number' ? v.toFixed(2) : '—')}
              labelFormatter={(label, payload) => {
                const count = (payload[0]?.payload as { count?: number } | undefined)?.count ?? 0;
                return `confidence ≈ ${String(label)} · ${count} ${noun}${count === 1 ? '' : 's'}${count ? '' : ' (empty bin)'}`;
              }}
              isAnimationActive={false}
            />
            <Bar dataKey="accuracy" fill={color} isAnimationActive={false} />
            <Line dataKey="ideal" stroke="#94a3b8" strokeDasharray="4 3" dot={false} isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

export function CalibrationView({ labels, teacher, student, classes, noun, lane }: HeldOutLogits) {
  if (!labels || !teacher || !student) return null;
  return (
    <section className="card calibration" aria-label="Calibration">
      <header className="card-header">
        <strong>Calibration</strong>
        <span className="muted">accuracy per confidence bin; dashed: perfect calibration</span>
      </header>
      <div className="reliability-pair">
        <Diagram title="Teacher" logits={teacher} labels={labels} classes={classes} noun={noun} color={TEACHER_COLOR} />
        <Diagram
          title="Student"
          logits={student}
          labels={labels}
          classes={classes}
          noun={noun}
          color={laneColor(lane)}
        />
      </div>
    </section>
  );
}
