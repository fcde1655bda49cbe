/**
 * What a live chart draws, on any 2D context in CSS pixels: the page's canvas (scaled by the
 * device pixel ratio), an export canvas at 2× or 3×, or the SVG recorder (svg-context.ts). One
 * drawing for all three, so an exported chart is the chart on screen, not a second rendering.
 */
import { minMaxIndices } from '../../lib/downsample';
import { logDomain, logTicks, niceDomain, niceTicks } from '../../lib/ticks';
import type { Series } from '../../state/series';

export interface LineSpec {
  column: string;
  label: string;
  color: string;
  dashed?: boolean;
}

/** Where a parameter or an objective changed mid-run: a vertical line at `step`, labelled. */
export interface ChartMarker {
  step: number;
  /** A few words drawn beside the line ("Objective DKD"). */
  label: string;
}

export interface DrawSpec {
  series: Series;
  lines: LineSpec[];
  length: number;
  format: (v: number) => string;
  yDomain?: [number | 'auto', number | 'auto'];
  yScale?: 'linear' | 'log';
  reference?: { y: number; label: string; color: string };
  markers?: readonly ChartMarker[];
}

/** The part of CanvasRenderingContext2D the drawing uses (svg-context.ts records the same). */
export type ChartContext = Pick<
  CanvasRenderingContext2D,
  | 'font'
  | 'lineWidth'
  | 'strokeStyle'
  | 'fillStyle'
  | 'textAlign'
  | 'textBaseline'
  | 'globalAlpha'
  | 'lineJoin'
  | 'setLineDash'
  | 'beginPath'
  | 'moveTo'
  | 'lineTo'
  | 'rect'
  | 'arc'
  | 'stroke'
  | 'fill'
  | 'fillText'
  | 'clip'
  | 'save'
  | 'restore'
  | 'measureText'
>;

export const PAD = { left: 46, right: 10, top: 8, bottom: 20 };
const AXIS = '#94a3b8';
const GRID = '#e5e7eb';
export const MARKER_COLOR = '#7c3aed';
const FONT = '11px Inter, system-ui, sans-serif';

export interface Geometry {
  x0: number;
  x1: number;
  xMax: number;
  plotW: number;
}

/**
 * Where an x tick's label is centred so that all of it stays inside [left, right]: the last
 * tick of a chart sits on its right edge, and centred there its last digit fell outside the
 * canvas ("3,00" for 3,000).
 */
export function tickLabelX(x: number, textWidth: number, left: number, right: number): number {
  const half = textWidth / 2;
  return Math.min(Math.max(x, left + half), right - half);
}

/** Draws the chart in a `width` × `height` box of CSS pixels; null when it is too small to draw. */
export function drawChart(
  ctx: ChartContext,
  width: number,
  height: number,
  p: DrawSpec,
  hover: number | null,
): Geometry | null {
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
    const text = t.toLocaleString('en-US');
    // Kept inside the box: a label may overhang the plot, never the chart.
    ctx.fillText(text, tickLabelX(sx(t), ctx.measureText(text).width, 1, width - 1), PAD.top + plotH + 5);
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

  drawMarkers(ctx, p.markers ?? [], n > 0 ? xMax : 0, sx, plotW, plotH);

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

/**
 * A dashed line at each marker inside the drawn steps, its label at the top beside it (on its
 * left when it would run out of the plot). A chart with no rows yet shows none.
 */
function drawMarkers(
  ctx: ChartContext,
  markers: readonly ChartMarker[],
  xMax: number,
  sx: (s: number) => number,
  plotW: number,
  plotH: number,
) {
  const inside = markers.filter((m) => m.step > 0 && m.step <= xMax);
  if (!inside.length) return;
  ctx.strokeStyle = MARKER_COLOR;
  ctx.fillStyle = MARKER_COLOR;
  ctx.lineWidth = 1;
  ctx.setLineDash([3, 3]);
  ctx.textBaseline = 'top';
  inside.forEach((m, i) => {
    const x = Math.round(sx(m.step)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(x, PAD.top);
    ctx.lineTo(x, PAD.top + plotH);
    ctx.stroke();
    const { label, w } = fitLabel(ctx, m.label, plotW - 4);
    const right = x + 3 + w <= PAD.left + plotW;
    // Staggered, so two changes close together do not print over each other; on a light
    // backing, so the label reads over the lines and grid; never left of the plot, where it
    // would cover the y axis's top tick label.
    const left = right ? x + 3 : Math.max(PAD.left + 2, x - 3 - w);
    const top = PAD.top + 1 + (i % 3) * 12;
    ctx.fillStyle = 'rgba(255, 255, 255, 0.85)';
    ctx.beginPath();
    ctx.rect(left - 1, top - 1, w + 2, 13);
    ctx.fill();
    ctx.fillStyle = MARKER_COLOR;
    ctx.textAlign = 'left';
    ctx.fillText(label, left, top);
  });
  ctx.setLineDash([]);
}

/**
 * The label and its drawn width, cut with an ellipsis to fit `maxW` (the tooltip and the chart's
 * name keep it whole).
 */
function fitLabel(ctx: ChartContext, text: string, maxW: number): { label: string; w: number } {
  const whole = ctx.measureText(text).width;
  if (whole <= maxW) return { label: text, w: whole };
  let cut = text;
  while (cut.length > 1 && ctx.measureText(`${cut}…`).width > maxW) cut = cut.slice(0, -1);
  const label = `${cut.trimEnd()}…`;
  return { label, w: ctx.measureText(label).width };
}

/** Index of the row whose step is nearest `step` (steps are increasing). */
export function nearestRow(steps: number[], n: number, step: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (steps[mid]! < step) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && step - steps[lo - 1]! < steps[lo]! - step ? lo - 1 : lo;
}
