/**
 * A recorder with the 2D-context calls a live chart makes (live-draw.ts ChartContext), writing
 * SVG instead of pixels: the chart exported as SVG is drawn by the very code that draws it on
 * screen. Only what the charts use: straight paths, rectangles, full circles, text, dashes,
 * one clip per save/restore. Text is measured on a real canvas, so labels sit where they do on
 * screen.
 */
import type { ChartContext } from './live-draw';

/** Characters that would end an attribute or start markup, escaped. */
export const escapeXml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const num = (v: number) => String(Math.round(v * 100) / 100);

interface State {
  font: string;
  lineWidth: number;
  strokeStyle: string;
  fillStyle: string;
  textAlign: CanvasTextAlign;
  textBaseline: CanvasTextBaseline;
  globalAlpha: number;
  lineJoin: CanvasLineJoin;
  dash: number[];
  /** Groups opened since the matching save (a clip opens one). */
  opened: number;
}

const ANCHOR: Partial<Record<CanvasTextAlign, string>> = { right: 'end', end: 'end', center: 'middle' };
const BASELINE: Partial<Record<CanvasTextBaseline, string>> = {
  middle: 'central',
  top: 'hanging',
  hanging: 'hanging',
  bottom: 'text-after-edge',
};

export class SvgContext implements ChartContext {
  private readonly out: string[] = [];
  private d = '';
  private clips = 0;
  private state: State = {
    font: '10px sans-serif',
    lineWidth: 1,
    strokeStyle: '#000',
    fillStyle: '#000',
    textAlign: 'start',
    textBaseline: 'alphabetic',
    globalAlpha: 1,
    lineJoin: 'miter',
    dash: [],
    opened: 0,
  };
  private readonly stack: State[] = [];
  private readonly measurer = document.createElement('canvas').getContext('2d');

  get font() {
    return this.state.font;
  }
  set font(v: string) {
    this.state.font = v;
  }
  get lineWidth() {
    return this.state.lineWidth;
  }
  set lineWidth(v: number) {
    this.state.lineWidth = v;
  }
  get strokeStyle(): string {
    return this.state.strokeStyle;
  }
  set strokeStyle(v: string | CanvasGradient | CanvasPattern) {
    this.state.strokeStyle = typeof v === 'string' ? v : '#000';
  }
  get fillStyle(): string {
    return this.state.fillStyle;
  }
  set fillStyle(v: string | CanvasGradient | CanvasPattern) {
    this.state.fillStyle = typeof v === 'string' ? v : '#000';
  }
  get textAlign() {
    return this.state.textAlign;
  }
  set textAlign(v: CanvasTextAlign) {
    this.state.textAlign = v;
  }
  get textBaseline() {
    return this.state.textBaseline;
  }
  set textBaseline(v: CanvasTextBaseline) {
    this.state.textBaseline = v;
  }
  get globalAlpha() {
    return this.state.globalAlpha;
  }
  set globalAlpha(v: number) {
    this.state.globalAlpha = v;
  }
  get lineJoin() {
    return this.state.lineJoin;
  }
  set lineJoin(v: CanvasLineJoin) {
    this.state.lineJoin = v;
  }

  setLineDash(segments: Iterable<number>): void {
    this.state.dash = [...segments];
  }
  beginPath(): void {
    this.d = '';
  }
  moveTo(x: number, y: number): void {
    this.d += `M${num(x)} ${num(y)}`;
  }
  lineTo(x: number, y: number): void {
    this.d += `L${num(x)} ${num(y)}`;
  }
  rect(x: number, y: number, w: number, h: number): void {
    this.d += `M${num(x)} ${num(y)}h${num(w)}v${num(h)}h${num(-w)}Z`;
  }
  /** Full circles only (the hover dots): two half arcs. */
  arc(x: number, y: number, r: number): void {
    this.d += `M${num(x + r)} ${num(y)}A${num(r)} ${num(r)} 0 1 0 ${num(x - r)} ${num(y)}A${num(r)} ${num(r)} 0 1 0 ${num(x + r)} ${num(y)}Z`;
  }

  private alpha(): string {
    return this.state.globalAlpha < 1 ? ` opacity="${num(this.state.globalAlpha)}"` : '';
  }

  stroke(): void {
    if (!this.d) return;
    const dash = this.state.dash.length ? ` stroke-dasharray="${this.state.dash.join(' ')}"` : '';
    const join = this.state.lineJoin !== 'miter' ? ` stroke-linejoin="${this.state.lineJoin}"` : '';
    this.out.push(
      `<path d="${this.d}" fill="none" stroke="${escapeXml(this.state.strokeStyle)}" stroke-width="${num(this.state.lineWidth)}"${dash}${join}${this.alpha()}/>`,
    );
  }
  fill(): void {
    if (this.d) this.out.push(`<path d="${this.d}" fill="${escapeXml(this.state.fillStyle)}"${this.alpha()}/>`);
  }
  fillText(text: string, x: number, y: number): void {
    const anchor = ANCHOR[this.state.textAlign];
    const base = BASELINE[this.state.textBaseline];
    const size = /(\d+(?:\.\d+)?)px/.exec(this.state.font)?.[1] ?? '10';
    this.out.push(
      `<text x="${num(x)}" y="${num(y)}" font-size="${size}" fill="${escapeXml(this.state.fillStyle)}"` +
        `${anchor ? ` text-anchor="${anchor}"` : ''}${base ? ` dominant-baseline="${base}"` : ''}${this.alpha()}>` +
        `${escapeXml(text)}</text>`,
    );
  }
  /** Clips what follows (until the matching restore) to the current path. */
  clip(): void {
    const id = `clip${++this.clips}`;
    this.out.push(`<clipPath id="${id}"><path d="${this.d}"/></clipPath><g clip-path="url(#${id})">`);
    this.state.opened++;
  }
  save(): void {
    this.stack.push({ ...this.state, dash: [...this.state.dash] });
    this.state.opened = 0;
  }
  restore(): void {
    for (let i = 0; i < this.state.opened; i++) this.out.push('</g>');
    const back = this.stack.pop();
    if (back) this.state = back;
  }
  measureText(text: string): TextMetrics {
    if (!this.measurer) return { width: text.length * 6 } as TextMetrics;
    this.measurer.font = this.state.font;
    return this.measurer.measureText(text);
  }

  /** What was drawn, as SVG elements (to go inside an <svg> or a <g>). */
  body(): string {
    return this.out.join('');
  }
}
