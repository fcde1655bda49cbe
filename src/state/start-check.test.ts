import { describe, expect, it } from 'vitest';
import { TOY_CONFIG } from '../tasks/toy2d/defaults';
import { PRESETS } from '../config/presets';
import type { ExperimentConfig } from '../config/schema';
import { startQuestion } from './start-check';

const big: ExperimentConfig = {
  ...TOY_CONFIG,
  teacher: { ...TOY_CONFIG.teacher, model: { kind: 'mlp', hidden: [512, 512], activation: 'relu' }, trainSteps: 9000 },
};

describe('startQuestion', () => {
  it('asks before a teacher estimated over a minute, with the steps that would fit one', () => {
    const q = startQuestion(big, 'play', false)!;
    expect(q.action).toBe('play');
    expect(q.ms).toBeGreaterThan(60_000);
    expect(q.fits).toBeGreaterThan(0);
    expect(q.config).toBe(big);
  });
  it('does not ask once the teacher is ready (Play only distils)', () => {
    expect(startQuestion(big, 'play', true)).toBeNull();
  });
  it('never asks about a shipped experiment', () => {
    for (const p of PRESETS) expect(startQuestion(p.config, 'step', false), p.id).toBeNull();
  });
});
