/**
 * Charts as PNG files: the live charts and heatmaps draw on a canvas, the reliability diagrams
 * and the history comparison are recharts SVG. Both end on one white canvas with the chart's
 * title (and legend, which recharts keeps outside its SVG) in a band on top.
 */
import { downloadBlob } from '../download';

export interface LegendEntry {
  label: string;
  color: string;
}

const BAND = 22;
const TEXT = '#0f172a';
const FONT = 'Inter, system-ui, sans-serif';

/** A file name from a chart title: letters, digits and a few harmless signs. */
export function pngName(title: string): string {
  return `${title.replace(/[^\w‖()=. -]+/g, '').trim() || 'chart'}.png`;
}

/** Draws `source` (in device pixels, `scale` per CSS pixel) under a title band; returns the PNG. */
function compose(
  source: CanvasImageSource,
  width: number,
  height: number,
  scale: number,
  title: string,
  legend: LegendEntry[],
) {
  // Lay the band out once (title, then a swatch and label per legend entry); the canvas is as
  // wide as the band needs, so a narrow chart with a long title grows a margin.
  const titleFont = `600 ${12 * scale}px ${FONT}`;
  const legendFont = `${11 * scale}px ${FONT}`;
  const measure = document.createElement('canvas').getContext('2d')!;
  measure.font = titleFont;
  let x = 16 * scale + measure.measureText(title).width;
  measure.font = legendFont;
  const at = legend.map((entry) => {
    const left = x;
    x += 30 * scale + measure.measureText(entry.label).width;
    return left;
  });
  const out = document.createElement('canvas');
  out.width = Math.round(Math.max(width, x));
  out.height = Math.round(height + BAND * scale);
  const ctx = out.getContext('2d')!;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.textBaseline = 'middle';
  const mid = (BAND / 2) * scale;
  ctx.fillStyle = TEXT;
  ctx.font = titleFont;
  ctx.fillText(title, 8 * scale, mid);
  ctx.font = legendFont;
  legend.forEach((entry, i) => {
    ctx.fillStyle = entry.color;
    ctx.fillRect(at[i]!, mid - 1.5 * scale, 14 * scale, 3 * scale);
    ctx.fillStyle = TEXT;
    ctx.fillText(entry.label, at[i]! + 18 * scale, mid);
  });
  ctx.drawImage(source, 0, BAND * scale, width, height);
  return new Promise<Blob>((resolve, reject) =>
    out.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('The browser could not encode the PNG.'))),
      'image/png',
    ),
  );
}

/** A canvas chart as a PNG, at the canvas's own (device-pixel) resolution. */
export function canvasPng(canvas: HTMLCanvasElement, title: string, legend: LegendEntry[] = []): Promise<Blob> {
  const scale = canvas.width / Math.max(1, canvas.clientWidth || canvas.width);
  return compose(canvas, canvas.width, canvas.height, scale, title, legend);
}

/**
 * An SVG chart as a PNG at twice its size. The SVG is serialised with its computed text styles
 * inlined (recharts sets most paint as attributes; fonts come from the page's CSS, which an
 * SVG drawn as an image cannot see).
 */
export async function svgPng(svg: SVGSVGElement, title: string, legend: LegendEntry[] = []): Promise<Blob> {
  const { width, height } = svg.getBoundingClientRect();
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  const font = getComputedStyle(svg).fontFamily || FONT;
  copy.setAttribute('style', `font-family: ${font}; font-size: 11px`);
  const url = URL.createObjectURL(
    new Blob([new XMLSerializer().serializeToString(copy)], { type: 'image/svg+xml;charset=utf-8' }),
  );
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const scale = 2;
    return await compose(image, width * scale, height * scale, scale, title, legend);
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** The chart `root` is or holds (a canvas, else recharts' SVG) as a PNG download. */
export async function downloadChartPng(root: Element, title: string, legend: LegendEntry[] = []): Promise<void> {
  const canvas = root instanceof HTMLCanvasElement ? root : root.querySelector('canvas');
  // The largest SVG: recharts also draws each legend icon as a small SVG.
  const svg = [...root.querySelectorAll('svg')].reduce<SVGSVGElement | null>((best, el) => {
    const area = (el: SVGSVGElement) => el.getBoundingClientRect().width * el.getBoundingClientRect().height;
    return !best || area(el) > area(best) ? el : best;
  }, null);
  const blob = canvas ? await canvasPng(canvas, title, legend) : svg ? await svgPng(svg, title, legend) : null;
  if (!blob) throw new Error(`“${title}” has nothing drawn yet.`);
  downloadBlob(blob, pngName(title));
}
