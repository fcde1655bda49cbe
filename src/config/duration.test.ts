import { describe, expect, it } from 'vitest';
import { TOY_CONFIG } from '../tasks/toy2d/defaults';
import { IMAGE_CONFIG } from '../tasks/images/defaults';
import { PRESETS } from './presets';
import { FORWARD_MACS_PER_MS, STEP_MS, TRAIN_MACS_PER_MS, WARN_MS, prepareMs, stepsWithin } from './duration';
import { estimate } from './estimate';
import type { ExperimentConfig } from './schema';

const teacher = (cfg: ExperimentConfig, hidden: number[], trainSteps: number): ExperimentConfig => ({
  ...cfg,
  teacher: { ...cfg.teacher, model: { kind: 'mlp', hidden, activation: 'relu' }, trainSteps },
});

describe('prepareMs', () => {
  it('is the steps at a fixed cost each plus the budget’s multiply-adds at the measured rates', () => {
    const cfg = teacher(TOY_CONFIG, [512, 512], 9000);
    const forward = estimate(teacher(TOY_CONFIG, [512, 512], 0)).macs.teacher;
    const training = estimate(cfg).macs.teacher - forward;
    expect(prepareMs(cfg)).toBeCloseTo(
      9000 * STEP_MS + training / TRAIN_MACS_PER_MS + forward / FORWARD_MACS_PER_MS,
      6,
    );
  });
  it('asks about the 2-512-512-3 teacher of 9,000 steps (1 h 35 min measured here) but not the default', () => {
    expect(prepareMs(teacher(TOY_CONFIG, [512, 512], 9000))).toBeGreaterThan(WARN_MS);
    expect(prepareMs(TOY_CONFIG)).toBeLessThan(WARN_MS / 2);
    expect(prepareMs(teacher(TOY_CONFIG, [48, 48], 20000))).toBeGreaterThan(WARN_MS);
  });
  it('is under a minute for the shipped experiments but the two whose teacher is trained on a person’s files', () => {
    // Measured here: the image-folder CNN 300 steps in about 4 min, the text-file transformer about 3.5 min.
    for (const p of PRESETS)
      expect(prepareMs(p.config) > WARN_MS, p.id).toBe(['imagefolder', 'textfile'].includes(p.config.task.kind));
  });
  it('counts no training steps for a shipped teacher', () => {
    expect(prepareMs(IMAGE_CONFIG)).toBeCloseTo(estimate(IMAGE_CONFIG).macs.teacher / FORWARD_MACS_PER_MS, 6);
  });
});

describe('stepsWithin', () => {
  it('gives the training steps that fit about a minute, in two figures', () => {
    const cfg = teacher(TOY_CONFIG, [512, 512], 9000);
    const fits = stepsWithin(cfg)!;
    expect(fits).toBeGreaterThan(10);
    expect(String(fits)).toMatch(/^\d{1,2}0*$/);
    expect(prepareMs(teacher(TOY_CONFIG, [512, 512], fits))).toBeLessThanOrEqual(WARN_MS);
    expect(prepareMs(teacher(TOY_CONFIG, [512, 512], Math.round(fits * 1.2)))).toBeGreaterThan(WARN_MS);
  });
  it('is null for a teacher that is not trained here', () => {
    expect(stepsWithin(IMAGE_CONFIG)).toBeNull();
  });
});
