/** Number formatting for readouts, legends and tooltips. */
import type { MetricFormat } from '../metrics/types';

export const percent = (v: number | undefined, digits = 1): string =>
  v === undefined || !Number.isFinite(v) ? '—' : `${(v * 100).toFixed(digits)}%`;

export const fixed = (v: number | undefined, digits = 3): string =>
  v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(digits);

/** 12,345 → "12.3k"; 1,234,567 → "1.23M". */
export function compact(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toPrecision(3)}M`;
  if (n >= 1e4) return `${(n / 1e3).toPrecision(3)}k`;
  return n.toLocaleString('en-US');
}

export const metricFormat = (format: MetricFormat, v: number | undefined): string =>
  format === 'percent' ? percent(v) : fixed(v, format === 'number' ? 2 : 4);
