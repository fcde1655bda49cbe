/**
 * A live line chart on a canvas, for series that grow at 10 Hz to 100,000+ rows.
 *
 * Why not recharts here: recharts re-renders every SVG node of every line on each update and
 * measures its paths in the DOM; with five charts updating live we measured 50–110 ms
 * main-thread tasks (see ARCHITECTURE.md). This draws the decimated rows (min–max, two per
 * pixel column at most) in about a millisecond, and React only re-renders the hover readout.
 */
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { minMaxIndices } from '../../lib/downsample';
import { logDomain, logTicks, niceDomain, niceTicks } from '../../lib/ticks';
import type { Series } from '../../state/series';
import { usePaint } from '../paint-queue';
import { PngButton } from './PngButton';

export interface LineSpec {
  column: string;
  label: string;
  color: string;
  dashed?: boolean;
}

export interface LiveChartProps {
  title: string;
  series: Series;
  lines: LineSpec[];
  /** The series' row count: the chart redraws when it changes (the series mutates in place). */
  length: number;
  format: (v: number) => string;
  /** Fixed ends of the y axis; 'auto' fits the data. */
  yDomain?: [number | 'auto', number | 'auto'];
  /**
   * 'log' for positive values spanning a wide range (perplexity: ~78 untrained, ~4 for the
   * teacher); ticks at 1, 2, 5, 10, 20, 50, …. Values ≤ 0 are not drawn.
   */
  yScale?: 'linear' | 'log';
  /** A horizontal dashed line, e.g. the teacher's accuracy. */
  reference?: { y: number; label: string; color: string };
  height?: number;
}

const PAD = { left: 46, right: 10, top: 8, bottom: 20 };
const AXIS = '#94a3b8';
const GRID = '#e5e7eb';
const FONT = '11px Inter, system-ui, sans-serif';

interface Geometry {
  x0: number;
  x1: number;
  xMax: number;
  plotW: number;
}

/** Index of the row whose step is nearest `step` (steps are increasing). */
function nearestRow(steps: number[], n: number, step: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (steps[mid]! < step) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && step - steps[lo - 1]! < steps[lo]! - step ? lo - 1 : lo;
}

function draw(
  canvas: HTMLCanvasElement,
  width: number,
  height: number,
  p: LiveChartProps,
  hover: number | null,
): Geometry | null {
  const dpr = window.devicePixelRatio || 1;
  if (canvas.width !== Math.round(width * dpr) || canvas.height !== Math.round(height * dpr)) {
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
  }
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  const { series, lines } = p;
  const n = Math.min(p.length, series.length);
  const plotW = width - PAD.left - PAD.right;
  const plotH = height - PAD.top - PAD.bottom;
  if (plotW <= 10 || plotH <= 10) return null;

  const cols = lines.map((l) => series.column(l.column));
  const key = cols[0];
  const idx =
    key && n > 0 ? minMaxIndices(n === key.length ? key : key.slice(0, n), Math.max(8, Math.floor(plotW / 2))) : [];

  // Domains: x from 0 to the last step; y fitted to what is drawn unless fixed.
  const xMax = n > 0 ? Math.max(1, series.steps[n - 1]!) : 1;
  const log = p.yScale === 'log';
  // A value the axis can show: finite, and positive on a log axis.
  const shown = (v: number | undefined): v is number => v !== undefined && Number.isFinite(v) && (!log || v > 0);
  let lo = Infinity;
  let hi = -Infinity;
  for (const col of cols)
    for (const i of idx) {
      const v = col?.[i];
      if (shown(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
  if (p.reference && shown(p.reference.y)) {
    lo = Math.min(lo, p.reference.y);
    hi = Math.max(hi, p.reference.y);
  }
  const [fixedLo, fixedHi] = p.yDomain ?? ['auto', 'auto'];
  const ends = (a: number, b: number): [number, number] => (log ? logDomain(a, b) : niceDomain(a, b, 4));
  [lo, hi] = ends(fixedLo === 'auto' ? lo : fixedLo, fixedHi === 'auto' ? hi : fixedHi);
  if (fixedLo !== 'auto') lo = fixedLo;
  if (fixedHi !== 'auto') hi = Math.max(fixedHi, lo + 1e-9);
  const sx = (s: number) => PAD.left + (s / xMax) * plotW;
  const sy = log
    ? (v: number) => PAD.top + (1 - Math.log(v / lo) / (Math.log(hi / lo) || 1)) * plotH
    : (v: number) => PAD.top + (1 - (v - lo) / (hi - lo || 1)) * plotH;
  // Log ticks are round numbers (1, 2, 5, 10, …): shown as such, not in the values' format.
  const tickLabel = log ? (t: number) => String(+t.toPrecision(3)) : p.format;

  // Grid and axes.
  ctx.font = FONT;
  ctx.lineWidth = 1;
  ctx.strokeStyle = GRID;
  ctx.fillStyle = AXIS;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of log ? logTicks(lo, hi) : niceTicks(lo, hi, 4)) {
    const y = Math.round(sy(t)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(PAD.left, y);
    ctx.lineTo(PAD.left + plotW, y);
    ctx.stroke();
    ctx.fillText(tickLabel(t), PAD.left - 6, y);
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const t of niceTicks(0, xMax, Math.max(2, Math.floor(plotW / 70)))) {
    if (!Number.isInteger(t)) continue;
    ctx.fillText(t.toLocaleString('en-US'), sx(t), PAD.top + plotH + 5);
  }
  ctx.strokeStyle = AXIS;
  ctx.beginPath();
  ctx.moveTo(PAD.left + 0.5, PAD.top);
  ctx.lineTo(PAD.left + 0.5, PAD.top + plotH + 0.5);
  ctx.lineTo(PAD.left + plotW, PAD.top + plotH + 0.5);
  ctx.stroke();

  if (p.reference && shown(p.reference.y)) {
    ctx.strokeStyle = p.reference.color;
    ctx.setLineDash([4, 3]);
    const y = Math.round(sy(p.reference.y)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(PAD.left, y);
    ctx.lineTo(PAD.left + plotW, y);
    ctx.stroke();
    ctx.setLineDash([]);
  }

  // Lines, clipped to the plot; non-finite values break the line.
  ctx.save();
  ctx.beginPath();
  ctx.rect(PAD.left, PAD.top - 1, plotW + 1, plotH + 2);
  ctx.clip();
  ctx.lineJoin = 'round';
  lines.forEach((l, j) => {
    const col = cols[j];
    if (!col) return;
    ctx.strokeStyle = l.color;
    ctx.lineWidth = j === 0 ? 1.8 : 1.4;
    ctx.setLineDash(l.dashed ? [5, 3] : []);
    ctx.beginPath();
    let pen = false;
    for (const i of idx) {
      const v = col[i];
      if (!shown(v)) {
        pen = false;
        continue;
      }
      const x = sx(series.steps[i]!);
      const y = sy(v);
      if (pen) ctx.lineTo(x, y);
      else ctx.moveTo(x, y);
      pen = true;
    }
    ctx.stroke();
  });
  ctx.setLineDash([]);

  if (hover !== null && hover < n) {
    const x = Math.round(sx(series.steps[hover]!)) + 0.5;
    ctx.strokeStyle = '#0f172a';
    ctx.globalAlpha = 0.35;
    ctx.beginPath();
    ctx.moveTo(x, PAD.top);
    ctx.lineTo(x, PAD.top + plotH);
    ctx.stroke();
    ctx.globalAlpha = 1;
    lines.forEach((l, j) => {
      const v = cols[j]?.[hover];
      if (!shown(v)) return;
      ctx.fillStyle = l.color;
      ctx.beginPath();
      ctx.arc(x, sy(v), 3, 0, 2 * Math.PI);
      ctx.fill();
    });
  }
  ctx.restore();
  return { x0: PAD.left, x1: PAD.left + plotW, xMax, plotW };
}

function LiveChartImpl(props: LiveChartProps) {
  const { title, series, lines, length, format, reference, height = 170 } = props;
  const wrap = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const geometry = useRef<Geometry | null>(null);
  const [width, setWidth] = useState(0);
  const [hover, setHover] = useState<number | null>(null);

  useEffect(() => {
    const el = wrap.current;
    if (!el) return;
    const ro = new ResizeObserver((entries) => setWidth(Math.floor(entries[0]!.contentRect.width)));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // `length` stands for the mutated series; props are read inside draw, in a task of its own.
  usePaint(() => {
    if (canvas.current && width > 0) geometry.current = draw(canvas.current, width, height, props, hover);
  }, [width, height, length, series, lines, reference, hover, format, props.yDomain, props.yScale]);

  const onMove = (e: React.MouseEvent<HTMLCanvasElement>) => {
    const g = geometry.current;
    const n = Math.min(length, series.length);
    if (!g || n === 0) return;
    const x = e.clientX - e.currentTarget.getBoundingClientRect().left;
    const step = ((x - g.x0) / g.plotW) * g.xMax;
    setHover(x < g.x0 || x > g.x1 ? null : nearestRow(series.steps, n, step));
  };

  const latest = useMemo(() => {
    const n = Math.min(length, series.length);
    return n
      ? lines.map((l) => `${l.label} ${format(series.column(l.column)?.[n - 1] ?? NaN)}`).join(', ')
      : 'no data yet';
  }, [length, series, lines, format]);

  const hoverValues =
    hover !== null && hover < series.length ? (
      <div className="chart-tooltip" role="presentation">
        <div className="chart-tooltip-step">step {series.steps[hover]!.toLocaleString('en-US')}</div>
        {lines.map((l) => (
          <div key={l.column}>
            <span className="legend-swatch" style={{ borderColor: l.color }} /> {l.label}:{' '}
            <strong>{format(series.column(l.column)?.[hover] ?? NaN)}</strong>
          </div>
        ))}
      </div>
    ) : null;

  return (
    <figure className="chart-card">
      <figcaption>
        <span className="chart-title">{title}</span>
        <PngButton
          title={title}
          target={wrap}
          legend={[...lines, ...(reference ? [reference] : [])].map(({ label, color }) => ({ label, color }))}
        />
        <span className="chart-legend">
          {(lines.length > 1 ? lines : []).map((l) => (
            <span key={l.column} className="legend-item">
              <span className={`legend-swatch${l.dashed ? ' dashed' : ''}`} style={{ borderColor: l.color }} />
              {l.label}
            </span>
          ))}
          {reference ? (
            <span className="legend-item">
              <span className="legend-swatch dashed" style={{ borderColor: reference.color }} />
              {reference.label}
            </span>
          ) : null}
        </span>
      </figcaption>
      <div className="chart-body" ref={wrap} style={{ height }}>
        <canvas
          ref={canvas}
          style={{ width: '100%', height }}
          role="img"
          aria-label={`${title}: ${latest}`}
          onMouseMove={onMove}
          onMouseLeave={() => setHover(null)}
        />
        {length === 0 ? <div className="chart-empty">No data yet</div> : null}
        {hoverValues}
      </div>
    </figure>
  );
}

export const LiveChart = memo(LiveChartImpl);
