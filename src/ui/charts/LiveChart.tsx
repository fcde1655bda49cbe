/**
 * A live line chart on a canvas, for series that grow at 10 Hz to 100,000+ rows.
 *
 * Why not recharts here: recharts re-renders every SVG node of every line on each update and
 * measures its paths in the DOM; with five charts updating live we measured 50–110 ms
 * main-thread tasks (see ARCHITECTURE.md). This draws the decimated rows (min–max, two per
 * pixel column at most) in about a millisecond, and React only re-renders the hover readout.
 */
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import type { Series } from '../../state/series';
import { useRunStore } from '../../state/run';
import { usePaint } from '../paint-queue';
import { drawChart, nearestRow, type DrawSpec, type Geometry, type LineSpec } from './live-draw';
import { MarkerNote, markersNear } from './markers';
import type { RunMarker } from '../../state/change-markers';
import { PngButton } from './PngButton';

export type { LineSpec } from './live-draw';

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

/** The page's canvas at the device's pixel ratio, then the drawing in CSS pixels. */
function paint(canvas: HTMLCanvasElement, width: number, height: number, spec: DrawSpec, hover: number | null) {
  const dpr = window.devicePixelRatio || 1;
  if (canvas.width !== Math.round(width * dpr) || canvas.height !== Math.round(height * dpr)) {
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
  }
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  return drawChart(ctx, width, height, spec, hover);
}

function LiveChartImpl(props: LiveChartProps) {
  const { title, series, lines, length, format, reference, height = 170 } = props;
  const wrap = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const geometry = useRef<Geometry | null>(null);
  const [width, setWidth] = useState(0);
  const [hover, setHover] = useState<number | null>(null);
  // Every live chart shows the run's mid-run changes (state/change-markers.ts).
  const markers = useRunStore((s) => s.markers);
  const spec: DrawSpec = { ...props, markers };
  // The changes within a few pixels of the pointer, for the hover readout.
  const [near, setNear] = useState<RunMarker[]>([]);

  useEffect(() => {
    const el = wrap.current;
    if (!el) return;
    const ro = new ResizeObserver((entries) => setWidth(Math.floor(entries[0]!.contentRect.width)));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // `length` stands for the mutated series; props are read inside draw, in a task of its own.
  usePaint(() => {
    if (canvas.current && width > 0) geometry.current = paint(canvas.current, width, height, spec, hover);
  }, [width, height, length, series, lines, reference, hover, format, props.yDomain, props.yScale, markers]);

  // An export draws the chart again, at its size on screen, without the hover line.
  const redraw = () =>
    width > 0
      ? {
          width,
          height,
          paint: (ctx: Parameters<typeof drawChart>[0]) => drawChart(ctx, width, height, spec, null),
        }
      : null;

  const onMove = (e: React.MouseEvent<HTMLCanvasElement>) => {
    const g = geometry.current;
    const n = Math.min(length, series.length);
    if (!g || n === 0) return;
    const x = e.clientX - e.currentTarget.getBoundingClientRect().left;
    const step = ((x - g.x0) / g.plotW) * g.xMax;
    const row = x < g.x0 || x > g.x1 ? null : nearestRow(series.steps, n, step);
    setHover(row);
    setNear(row === null ? [] : markersNear(markers, series.steps[row]!, g));
  };

  const latest = useMemo(() => {
    const n = Math.min(length, series.length);
    const changes = markers.length
      ? `; ${markers.map((m) => `step ${m.step.toLocaleString('en-US')}: ${m.detail}`).join('; ')}`
      : '';
    return n
      ? lines.map((l) => `${l.label} ${format(series.column(l.column)?.[n - 1] ?? NaN)}`).join(', ') + changes
      : 'no data yet';
  }, [length, series, lines, format, markers]);

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
        <MarkerNote markers={near} />
      </div>
    ) : null;

  return (
    <figure className="chart-card">
      <figcaption>
        <span className="chart-title">{title}</span>
        <PngButton
          title={title}
          target={wrap}
          redraw={redraw}
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
