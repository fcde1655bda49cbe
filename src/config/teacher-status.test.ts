import { describe, expect, it } from 'vitest';
import { TOY_CONFIG } from '../tasks/toy2d/defaults';
import { IMAGE_CONFIG } from '../tasks/images/defaults';
import { TEXT_CONFIG } from '../tasks/text/defaults';
import type { ExperimentConfig } from './schema';
import { preparingText, progressLabel, progressText, readyText, teacherSource } from './teacher-status';

const imported = (cfg: ExperimentConfig): ExperimentConfig => ({
  ...cfg,
  teacher: {
    ...cfg.teacher,
    model: { kind: 'imported', hash: 'abc123abc123', name: 'mine', params: 10, featureDim: 4 },
  },
});

describe('teacher status texts', () => {
  it('say a toy teacher is trained, a shipped one loaded and an imported one measured', () => {
    expect(teacherSource(TOY_CONFIG)).toBe('trained');
    expect(teacherSource(IMAGE_CONFIG)).toBe('shipped');
    expect(teacherSource(TEXT_CONFIG)).toBe('shipped');
    expect(teacherSource(imported(TOY_CONFIG))).toBe('imported');
    expect(readyText(TOY_CONFIG)).toMatch(/train the teacher/);
    expect(readyText(TEXT_CONFIG)).toMatch(/load the shipped teacher/);
    expect(readyText(imported(TOY_CONFIG))).toMatch(/measure the imported teacher/);
    expect(preparingText(TOY_CONFIG)).toBe('Training the teacher on the labels…');
    expect(preparingText(IMAGE_CONFIG)).toBe('Loading the data and the shipped teacher…');
    expect(preparingText(TEXT_CONFIG)).toBe('Loading the corpus and the shipped teacher…');
    expect(preparingText(imported(TOY_CONFIG))).toMatch(/^Measuring the imported teacher/);
    expect(preparingText(imported(IMAGE_CONFIG))).toMatch(/measuring the imported teacher/);
  });

  it('never call anything but a trained teacher “training”, and count steps only where there are steps', () => {
    for (const cfg of [IMAGE_CONFIG, TEXT_CONFIG, imported(TOY_CONFIG), imported(IMAGE_CONFIG)]) {
      const texts = [readyText(cfg), preparingText(cfg), progressLabel(cfg, 'teacher')];
      expect(texts.filter((t) => /train/i.test(t))).toEqual([]);
    }
    expect(progressText(TEXT_CONFIG, { phase: 'teacher', done: 1, total: 1, detail: 'weights cbdf3b0aedb3' })).toBe(
      'Loading the shipped teacher · weights cbdf3b0aedb3',
    );
    expect(progressText(TOY_CONFIG, { phase: 'teacher', done: 150, total: 1200, detail: 'loss 0.123' })).toBe(
      'Teacher training 150/1,200 · loss 0.123',
    );
    expect(progressText(IMAGE_CONFIG, { phase: 'data', done: 6e5, total: 1.2e6 })).toBe('Loading data 0.6 of 1.2 MB');
    expect(progressText(IMAGE_CONFIG, { phase: 'cache', done: 500, total: 12000 })).toBe(
      'Caching teacher outputs 500/12,000',
    );
  });
});
