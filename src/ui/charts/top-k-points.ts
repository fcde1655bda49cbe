/**
 * The points of the "against k" chart (TopKChart.tsx): each lane's k (all the classes when it
 * takes the whole distribution), its bytes per example and truncated mass, and its latest
 * held-out accuracy, agreement and ECE. Pure, so the unit test checks it without a page.
 */
import { topKBytes, truncatesAt } from '../../lib/top-k';

export interface TopKPoint {
  lane: number;
  objective: string;
  missing: string;
  k: number;
  bytes: number;
  /** Mass outside the top k on the held-out set (undefined until the session says). */
  truncated?: number;
  accuracy?: number;
  agreement?: number;
  ece?: number;
}

export interface TopKLane {
  objective: string;
  teacherTopK?: number;
  missingProbability?: string;
}

/** Whether the race compares k: two lanes or more that keep different numbers of classes. */
export function comparesK(lanes: readonly TopKLane[], classes: number): boolean {
  return lanes.length > 1 && new Set(lanes.map((l) => effectiveK(l, classes))).size > 1;
}

export const effectiveK = (l: TopKLane, classes: number): number =>
  truncatesAt(l.teacherTopK, classes) ? l.teacherTopK : classes;

export function topKPoints(
  lanes: readonly TopKLane[],
  classes: number,
  tail: readonly number[] | undefined,
  last: (lane: number, metric: string) => number | undefined,
): TopKPoint[] {
  return lanes.map((l, lane) => {
    const k = effectiveK(l, classes);
    return {
      lane,
      objective: l.objective,
      missing: k < classes ? (l.missingProbability ?? 'zero') : '—',
      k,
      bytes: topKBytes(k, classes),
      truncated: tail?.[k],
      accuracy: last(lane, 'studentAccuracy'),
      agreement: last(lane, 'agreement'),
      ece: last(lane, 'ece'),
    };
  });
}

/** One row per k, one field per objective: what recharts draws as one line per objective. */
export function rowsByK(points: readonly TopKPoint[], metric: 'accuracy' | 'agreement' | 'ece') {
  const ks = [...new Set(points.map((p) => p.k))].sort((a, b) => a - b);
  return ks.map((k) => ({
    k,
    ...Object.fromEntries(points.filter((p) => p.k === k).map((p) => [p.objective, p[metric] ?? null])),
  }));
}
