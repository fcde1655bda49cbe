/**
 * Whether a checkpoint's run-until condition holds, from what the run store holds: the step, the
 * status and the held-out evaluations. Pure, so the runner's logic is unit-tested without a
 * worker. A step count is reached when the run stops there (the lesson sets Steps to it, so the
 * worker stops by itself, exactly); a metric when an evaluation made during this checkpoint
 * crosses the value (the runner then pauses); a metric that never crosses stops at the cap.
 */
import { laneColumn } from '../lib/columns';
import type { RunUntil } from './schema';

export interface RunPicture {
  step: number;
  /** The run store's status ('running', 'paused', 'done', 'diverged', 'error', …). */
  status: string;
  evals: { steps: readonly number[]; column(name: string): readonly number[] | undefined };
}

export type Progress =
  | { state: 'running' }
  /** `at`: the evaluation's step that crossed the value, and its value (metric conditions). */
  | { state: 'reached'; step: number; at?: number; value?: number }
  | { state: 'capped'; step: number; value?: number }
  | { state: 'stopped'; status: string; step: number };

/** Statuses that end a run without reaching anything: the person must read the run's message. */
const STOPPED = new Set(['diverged', 'error']);

/**
 * `since`: the step the checkpoint started from; only evaluations after it count (the one at the
 * start was the previous checkpoint's).
 */
export function checkCondition(until: RunUntil, run: RunPicture, since: number): Progress {
  if (STOPPED.has(run.status)) return { state: 'stopped', status: run.status, step: run.step };
  if ('steps' in until) return run.step >= until.steps ? { state: 'reached', step: run.step } : { state: 'running' };
  const crossed = firstCrossing(until, run, since);
  if (crossed) return { state: 'reached', step: run.step, at: crossed.at, value: crossed.value };
  if (run.step >= until.cap) return { state: 'capped', step: run.step, value: latest(until, run) };
  return { state: 'running' };
}

/** The metric's latest value for the condition's lane. */
export function latest(until: Extract<RunUntil, { metric: string }>, run: RunPicture): number | undefined {
  const col = run.evals.column(laneColumn(until.lane, until.metric));
  const v = col?.at(-1);
  return v === undefined || Number.isNaN(v) ? undefined : v;
}

function firstCrossing(
  until: Extract<RunUntil, { metric: string }>,
  run: RunPicture,
  since: number,
): { at: number; value: number } | null {
  const col = run.evals.column(laneColumn(until.lane, until.metric));
  if (!col) return null;
  const { steps } = run.evals;
  // The rows after `since` are at the end: walk back to the first of them, then forward.
  let first = steps.length;
  while (first > 0 && steps[first - 1]! > since) first--;
  for (let i = first; i < steps.length; i++) {
    const v = col[i]!;
    if (Number.isNaN(v)) continue;
    if (until.op === '>=' ? v >= until.value : v <= until.value) return { at: steps[i]!, value: v };
  }
  return null;
}
