/**
 * Charts as files for slides: PNG at 2× or 3× the size on screen, or SVG. The live charts draw
 * themselves again at the size asked for (live-draw.ts, on a larger canvas or the SVG recorder);
 * the heatmaps are pixels, scaled without smoothing (as the page shows them) or embedded in the
 * SVG; the reliability diagrams and the history comparison are recharts SVG, serialised. Every
 * file has the chart's title (and legend, which the charts keep outside their drawing) in a band
 * on top.
 */
import { downloadBlob, downloadText } from '../download';
import type { ChartContext } from './live-draw';
import { SvgContext, escapeXml } from './svg-context';

export interface LegendEntry {
  label: string;
  color: string;
}

export type ExportFormat = { kind: 'png'; scale: number } | { kind: 'svg' };

/** A chart that draws itself again in a `width` × `height` box of CSS pixels (a live chart). */
export interface Redrawable {
  width: number;
  height: number;
  paint(ctx: ChartContext): void;
}

export const BAND = 22;
const TEXT = '#0f172a';
const FONT = 'Inter, system-ui, sans-serif';
const TITLE_FONT = `600 12px ${FONT}`;
const LEGEND_FONT = `11px ${FONT}`;

/** A file name from a chart title: letters, digits and a few harmless signs. */
export function pngName(title: string, extension = 'png'): string {
  return `${title.replace(/[^\w‖()=. -]+/g, '').trim() || 'chart'}.${extension}`;
}

/** The band's layout in CSS pixels: where each legend entry starts, and the width it needs. */
function bandLayout(title: string, legend: LegendEntry[]): { at: number[]; width: number } {
  const measure = document.createElement('canvas').getContext('2d')!;
  measure.font = TITLE_FONT;
  let x = 16 + measure.measureText(title).width;
  measure.font = LEGEND_FONT;
  const at = legend.map((entry) => {
    const left = x;
    x += 30 + measure.measureText(entry.label).width;
    return left;
  });
  return { at, width: x };
}

function paintBand(ctx: CanvasRenderingContext2D, title: string, legend: LegendEntry[], at: number[]) {
  ctx.textBaseline = 'middle';
  const mid = BAND / 2;
  ctx.fillStyle = TEXT;
  ctx.font = TITLE_FONT;
  ctx.fillText(title, 8, mid);
  ctx.font = LEGEND_FONT;
  legend.forEach((entry, i) => {
    ctx.fillStyle = entry.color;
    ctx.fillRect(at[i]!, mid - 1.5, 14, 3);
    ctx.fillStyle = TEXT;
    ctx.fillText(entry.label, at[i]! + 18, mid);
  });
}

function svgBand(title: string, legend: LegendEntry[], at: number[]): string {
  const mid = BAND / 2;
  const text = (x: number, s: string, weight = '') =>
    `<text x="${x}" y="${mid}" dominant-baseline="central" font-size="${weight ? 12 : 11}"${weight} fill="${TEXT}">${escapeXml(s)}</text>`;
  return (
    text(8, title, ' font-weight="600"') +
    legend
      .map(
        (e, i) =>
          `<rect x="${at[i]}" y="${mid - 1.5}" width="14" height="3" fill="${escapeXml(e.color)}"/>` +
          text(at[i]! + 18, e.label),
      )
      .join('')
  );
}

/** What is exported: the chart's drawing, however it is made, and its size in CSS pixels. */
type Source =
  | { kind: 'redraw'; chart: Redrawable }
  | { kind: 'raster'; canvas: HTMLCanvasElement; width: number; height: number }
  | { kind: 'svg'; svg: SVGSVGElement; width: number; height: number };

function sourceOf(root: Element, redraw?: Redrawable): Source | null {
  if (redraw) return { kind: 'redraw', chart: redraw };
  const canvas = root instanceof HTMLCanvasElement ? root : root.querySelector('canvas');
  if (canvas)
    return {
      kind: 'raster',
      canvas,
      width: canvas.clientWidth || canvas.width,
      height: canvas.clientHeight || canvas.height,
    };
  // The largest SVG: recharts also draws each legend icon as a small SVG.
  const svg = [...root.querySelectorAll('svg')].reduce<SVGSVGElement | null>((best, el) => {
    const area = (el: SVGSVGElement) => el.getBoundingClientRect().width * el.getBoundingClientRect().height;
    return !best || area(el) > area(best) ? el : best;
  }, null);
  if (!svg) return null;
  const { width, height } = svg.getBoundingClientRect();
  return { kind: 'svg', svg, width, height };
}

const sizeOf = (s: Source) => (s.kind === 'redraw' ? { width: s.chart.width, height: s.chart.height } : s);

/**
 * recharts' SVG with its computed text styles inlined (recharts sets most paint as attributes;
 * fonts come from the page's CSS, which an SVG file or image cannot see).
 */
function serialisedSvg(svg: SVGSVGElement, width: number, height: number): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  const font = getComputedStyle(svg).fontFamily || FONT;
  copy.setAttribute('style', `font-family: ${font}; font-size: 11px`);
  return new XMLSerializer().serializeToString(copy);
}

async function svgImage(markup: string): Promise<HTMLImageElement> {
  const url = URL.createObjectURL(new Blob([markup], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    return image;
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** The chart as a PNG at `scale` device pixels per CSS pixel, under its title band. */
export async function chartPng(source: Source, title: string, legend: LegendEntry[], scale: number): Promise<Blob> {
  const { width, height } = sizeOf(source);
  const band = bandLayout(title, legend);
  const out = document.createElement('canvas');
  out.width = Math.round(Math.max(width, band.width) * scale);
  out.height = Math.round((height + BAND) * scale);
  const ctx = out.getContext('2d')!;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.scale(scale, scale);
  paintBand(ctx, title, legend, band.at);
  ctx.translate(0, BAND);
  if (source.kind === 'redraw') source.chart.paint(ctx);
  else if (source.kind === 'raster') {
    // A heatmap is a few pixels per cell shown "pixelated": enlarged the same way, not blurred.
    ctx.imageSmoothingEnabled = source.canvas.width >= width * scale;
    ctx.drawImage(source.canvas, 0, 0, width, height);
  } else ctx.drawImage(await svgImage(serialisedSvg(source.svg, width, height)), 0, 0, width, height);
  return new Promise<Blob>((resolve, reject) =>
    out.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('The browser could not encode the PNG.'))),
      'image/png',
    ),
  );
}

/** The chart as an SVG document under its title band (a heatmap's pixels embedded as an image). */
export function chartSvg(source: Source, title: string, legend: LegendEntry[]): string {
  const { width, height } = sizeOf(source);
  const band = bandLayout(title, legend);
  const w = Math.ceil(Math.max(width, band.width));
  const h = Math.ceil(height + BAND);
  let body: string;
  if (source.kind === 'redraw') {
    const ctx = new SvgContext();
    source.chart.paint(ctx);
    body = ctx.body();
  } else if (source.kind === 'raster')
    body = `<image href="${source.canvas.toDataURL('image/png')}" width="${width}" height="${height}" preserveAspectRatio="none" style="image-rendering:pixelated"/>`;
  else body = serialisedSvg(source.svg, width, height);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="${FONT}">` +
    `<rect width="100%" height="100%" fill="#fff"/>${svgBand(title, legend, band.at)}` +
    `<g transform="translate(0 ${BAND})">${body}</g></svg>`
  );
}

/** The chart `root` is or holds (or `redraw`, which draws it) as a download in `format`. */
export async function downloadChart(
  root: Element,
  title: string,
  format: ExportFormat,
  legend: LegendEntry[] = [],
  redraw?: Redrawable,
): Promise<void> {
  const source = sourceOf(root, redraw);
  if (!source || sizeOf(source).width <= 0) throw new Error(`“${title}” has nothing drawn yet.`);
  if (format.kind === 'svg') downloadText(chartSvg(source, title, legend), pngName(title, 'svg'), 'image/svg+xml');
  else downloadBlob(await chartPng(source, title, legend, format.scale), pngName(title));
}
