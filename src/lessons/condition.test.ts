import { describe, expect, it } from 'vitest';
import { checkCondition, type RunPicture } from './condition';
import type { RunUntil } from './schema';

/** A run picture with evaluations of lane 1's agreement at the given steps. */
function run(step: number, status: string, evals: [number, number][] = []): RunPicture {
  const steps = evals.map(([s]) => s);
  const values = evals.map(([, v]) => v);
  return { step, status, evals: { steps, column: (name) => (name === '1:agreement' ? values : undefined) } };
}
const metric: RunUntil = { metric: 'agreement', lane: 1, op: '>=', value: 0.9, cap: 500 };

describe('run-until conditions', () => {
  it('a step count is reached once the run is at it', () => {
    expect(checkCondition({ steps: 300 }, run(120, 'running'), 0)).toEqual({ state: 'running' });
    expect(checkCondition({ steps: 300 }, run(300, 'done'), 0)).toEqual({ state: 'reached', step: 300 });
  });

  it('a metric is reached at the first evaluation after the checkpoint began that crosses it', () => {
    const evals: [number, number][] = [
      [100, 0.95], // the previous checkpoint's: before `since`
      [210, 0.7],
      [220, NaN],
      [230, 0.91],
      [240, 0.93],
    ];
    expect(checkCondition(metric, run(245, 'running', evals), 200)).toEqual({
      state: 'reached',
      step: 245,
      at: 230,
      value: 0.91,
    });
    expect(checkCondition(metric, run(225, 'running', evals.slice(0, 3)), 200)).toEqual({ state: 'running' });
  });

  it('at most or at least, as the lesson says', () => {
    const below: RunUntil = { ...metric, op: '<=', value: 0.5 };
    expect(checkCondition(below, run(20, 'running', [[10, 0.6]]), 0).state).toBe('running');
    expect(checkCondition(below, run(30, 'running', [[20, 0.5]]), 0).state).toBe('reached');
  });

  it('stops at the cap when the metric never crosses, with its last value', () => {
    expect(checkCondition(metric, run(500, 'done', [[490, 0.8]]), 0)).toEqual({
      state: 'capped',
      step: 500,
      value: 0.8,
    });
  });

  it('a run that diverged or failed is stopped, whatever the condition', () => {
    expect(checkCondition({ steps: 300 }, run(120, 'diverged'), 0).state).toBe('stopped');
    expect(checkCondition(metric, run(120, 'error'), 0).state).toBe('stopped');
  });

  it('other lanes and metrics are not looked at', () => {
    expect(checkCondition({ ...metric, lane: 0 }, run(20, 'running', [[10, 0.99]]), 0).state).toBe('running');
  });
});
