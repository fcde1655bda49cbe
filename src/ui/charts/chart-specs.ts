/**
 * Pieces of the live charts' props that the charts panel and the tasks' own charts share. The
 * formatters and domains are module-level so the memoised charts do not re-render needlessly.
 */
import { useMemo } from 'react';
import { evalColumnName } from '../../state/run';
import { fixed, percent } from '../format';
import { TEACHER_COLOR, laneColor } from '../palette';
import type { LineSpec, LiveChartProps } from './LiveChart';

export const fmtLoss = (v: number) => fixed(v, 2);
export const fmtPercent = (v: number) => percent(v, 0);
export const fmtRate = (v: number) => fixed(v, Math.abs(v) < 10 ? 1 : 0);
export const fmtValue = (v: number) => fixed(v, 3);
export const UNIT: [number, number] = [0, 1];
export const FROM_ZERO: [number, 'auto'] = [0, 'auto'];

/** One line per lane for a held-out metric. */
export function perLane(names: string[], metric: string): LineSpec[] {
  return names.map((name, lane) => ({ column: evalColumnName(lane, metric), label: name, color: laneColor(lane) }));
}

/** The teacher's value of a metric as a dashed reference line ("teacher 84.1%"), once measured. */
export function useTeacherReference(
  value: number | undefined,
  format: (v: number) => string,
): LiveChartProps['reference'] {
  return useMemo(
    () => (value !== undefined ? { y: value, label: `teacher ${format(value)}`, color: TEACHER_COLOR } : undefined),
    [value, format],
  );
}
