/** Number formatting for readouts, legends and tooltips. */
import type { MetricFormat } from '../metrics/types';

export const percent = (v: number | undefined, digits = 1): string =>
  v === undefined || !Number.isFinite(v) ? '—' : `${(v * 100).toFixed(digits)}%`;

/** A saved run's or sweep's date in the History tables ("02/12/2026, 18:45"). */
export const shortDateTime = (ms: number): string =>
  new Date(ms).toLocaleString('en-GB', { dateStyle: 'short', timeStyle: 'short' });

export const fixed = (v: number | undefined, digits = 3): string =>
  v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(digits);

/**
 * A speed in steps per second, never "0" while steps are made: whole numbers from 10 up, two
 * significant digits below (a sequence-level KD step on WASM took seconds, and 0.1 read as "0"
 * with toFixed(0)). Nothing measured (0, or no number) reads "—".
 */
export function stepsRate(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v) || v <= 0) return '—';
  return v >= 10 ? v.toFixed(0) : v.toPrecision(2);
}

/** 12,345 → "12.3k"; 1,234,567 → "1.23M". */
export function compact(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toPrecision(3)}M`;
  if (n >= 1e4) return `${(n / 1e3).toPrecision(3)}k`;
  return n.toLocaleString('en-US');
}

export const metricFormat = (format: MetricFormat, v: number | undefined): string =>
  format === 'percent' ? percent(v) : fixed(v, format === 'number' ? 2 : 4);

/** A file size: "812 bytes", "13.5 kB", "4.2 MB". */
export function bytesText(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} kB`;
  return `${n} bytes`;
}
