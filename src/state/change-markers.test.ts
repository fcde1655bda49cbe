import { describe, expect, it } from 'vitest';
import { TOY_CONFIG } from '../tasks/toy2d/defaults';
import type { ExperimentConfig } from '../config/schema';
import { changeMarker } from './change-markers';

const withLane = (cfg: ExperimentConfig, patch: Partial<ExperimentConfig['lanes'][number]>): ExperimentConfig => ({
  ...cfg,
  lanes: [{ ...cfg.lanes[0]!, ...patch }, ...cfg.lanes.slice(1)],
});

describe('changeMarker', () => {
  it('names a switched objective, not the parameters it brings', () => {
    const next = withLane(TOY_CONFIG, { objective: 'dkd', params: { alpha: 1, beta: 8, T: 4, warmup: 200 } });
    const m = changeMarker(TOY_CONFIG, next, 1200)!;
    expect(m.step).toBe(1200);
    expect(m.label).toBe('Objective Decoupled KD');
    expect(m.detail).toBe('Student 1 › Objective Forward KL → Decoupled KD');
  });
  it('names a parameter by its label, with both values', () => {
    const next = { ...TOY_CONFIG, train: { ...TOY_CONFIG.train, lr: 0.003 } };
    expect(changeMarker(TOY_CONFIG, next, 500)).toEqual({
      step: 500,
      label: 'Learning rate 0.003',
      detail: `Learning rate ${TOY_CONFIG.train.lr} → 0.003`,
    });
  });
  it('counts the rest when several change at once', () => {
    const next = withLane(
      { ...TOY_CONFIG, train: { ...TOY_CONFIG.train, lr: 0.003 } },
      {
        params: { ...TOY_CONFIG.lanes[0]!.params, T: 2 },
      },
    );
    const m = changeMarker(TOY_CONFIG, next, 10)!;
    expect(m.label).toMatch(/ \+1$/);
    expect(m.detail).toContain('Student 1 › Temperature T 4 → 2');
  });
  it('marks nothing for the pace of the run (speed, planned steps, evaluation)', () => {
    const next = { ...TOY_CONFIG, train: { ...TOY_CONFIG.train, stepsPerFrame: 77, steps: 9999, evalEvery: 13 } };
    expect(changeMarker(TOY_CONFIG, next, 10)).toBeNull();
  });
});
