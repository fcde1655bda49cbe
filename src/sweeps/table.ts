/**
 * A sweep's results as a table: per point and lane, the mean, spread and 95% interval of one
 * metric over the seeds; and every run as CSV rows (papaparse). Pure.
 */
import Papa from 'papaparse';
import { laneName } from '../objectives';
import { taskDef } from '../tasks/registry';
import { summarize, type Summary } from './stats';
import type { SweepResult, SweepValue } from './types';

export interface MetricColumn {
  id: string;
  label: string;
  /** Shown as a percentage. */
  percent: boolean;
}

/** The metrics each lane measured, as the task names them (extra probe columns by their id). */
export function laneMetrics(result: SweepResult): MetricColumn[] {
  const defs = taskDef(result.base.task.kind).laneMetrics;
  const seen = new Set(result.points.flatMap((p) => p.runs.flatMap((r) => r.lanes.flatMap((l) => Object.keys(l)))));
  const known = defs
    .filter((d) => seen.has(d.id))
    .map((d) => ({ id: d.id, label: d.label, percent: d.format === 'percent' }));
  const extra = [...seen]
    .filter((id) => !defs.some((d) => d.id === id))
    .map((id) => ({ id, label: id, percent: false }));
  return [...known, ...extra];
}

/** How each lane of the results is named: "1 · Hinton KD". */
export const laneNames = (result: SweepResult): string[] => result.base.lanes.map((l, i) => laneName(i, l.objective));

export interface PointSummary {
  values: SweepValue[];
  /** One per lane of the base experiment. */
  lanes: Summary[];
}

/** Each point's summary of `metric` per lane, over the seeds that ran (NaN values left out). */
export function summarizePoints(result: SweepResult, metric: string): PointSummary[] {
  return result.points.map((p) => ({
    values: p.values,
    lanes: result.base.lanes.map((_, lane) =>
      summarize(p.runs.map((r) => r.lanes[lane]?.[metric] ?? NaN).filter(Number.isFinite)),
    ),
  }));
}

/** Every run of the sweep as CSV: the axes, the seed, the lane, its metrics, the teacher's. */
export function sweepCsv(result: SweepResult): string {
  const metrics = laneMetrics(result);
  const teacherIds = [...new Set(result.points.flatMap((p) => p.runs.flatMap((r) => Object.keys(r.teacher))))];
  const names = laneNames(result);
  const fields = [
    ...result.spec.axes.map((a) => a.path),
    'seed',
    'steps',
    'lane',
    ...metrics.map((m) => m.id),
    ...teacherIds,
  ];
  const data = result.points.flatMap((p) =>
    p.runs.flatMap((r) =>
      r.lanes.map((l, lane) => [
        ...p.values,
        r.seed,
        r.steps,
        names[lane] ?? String(lane + 1),
        ...metrics.map((m) => l[m.id] ?? ''),
        ...teacherIds.map((id) => r.teacher[id] ?? ''),
      ]),
    ),
  );
  return Papa.unparse({ fields, data });
}
