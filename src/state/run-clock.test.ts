import { beforeEach, describe, expect, it } from 'vitest';
import type { MetricsBatch } from '../worker/protocol';
import { useRunStore } from './run';

const batch = (epoch: number, step: number, evalSteps: number[] = []): MetricsBatch => ({
  columns: [],
  steps: [],
  losses: new Float32Array(0),
  evals: evalSteps.map((s) => ({ step: s, values: new Float32Array(0) })),
  stepsPerSecond: 0,
  step,
  numTensors: 0,
  epoch,
});

describe('the run store’s clock for the views', () => {
  beforeEach(() => useRunStore.getState().handle({ type: 'reset' }));
  const handle = useRunStore.getState().handle;
  const clock = () => ({ epoch: useRunStore.getState().epoch, evalStep: useRunStore.getState().evalStep });

  it('keeps the latest evaluation step and epoch from the metrics batches', () => {
    handle({ type: 'metrics', batch: batch(1, 0, [0]) });
    expect(clock()).toEqual({ epoch: 1, evalStep: 0 });
    handle({ type: 'metrics', batch: batch(1, 15, [10]) });
    handle({ type: 'metrics', batch: batch(1, 18) });
    expect(clock()).toEqual({ epoch: 1, evalStep: 10 });
  });

  it('forgets both when the students restart, and an evaluation of earlier students', () => {
    handle({ type: 'metrics', batch: batch(1, 15, [10]) });
    handle({ type: 'reset' });
    expect(clock()).toEqual({ epoch: undefined, evalStep: undefined });
    handle({ type: 'metrics', batch: batch(1, 20, [20]) });
    // A restore starts a new epoch in a batch without an evaluation.
    handle({ type: 'metrics', batch: batch(2, 20) });
    expect(clock()).toEqual({ epoch: 2, evalStep: undefined });
  });
});
