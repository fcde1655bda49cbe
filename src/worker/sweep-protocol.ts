/** What the sweep worker answers (sweep.worker.ts). Types only: the page and the worker both import it. */
import type { PointResult } from '../sweeps/types';
export type { SweepProgress } from './sweep-runner';

export type SweepAnswer =
  | { ok: true; points: PointResult[]; complete: true; backend: string; ms: number }
  | { ok: false; error: string; cancelled?: boolean; backend?: string };
