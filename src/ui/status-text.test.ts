import { describe, expect, it } from 'vitest';
import { reasonText } from './status-text';
import { TOY_CONFIG } from '../tasks/toy2d/defaults';

describe('status words', () => {
  it('word each reason the worker sends', () => {
    expect(reasonText({ code: 'finished', steps: 3000 }, TOY_CONFIG)).toBe('Finished the planned 3000 steps.');
    expect(reasonText({ code: 'planned-steps-reached', steps: 200 }, TOY_CONFIG)).toBe(
      'Reached the planned 200 steps. Raise “Steps” or Reset to go on.',
    );
    expect(reasonText({ code: 'error', detail: 'The teacher’s loss diverged' }, TOY_CONFIG)).toBe(
      'The teacher’s loss diverged',
    );
    expect(reasonText({ code: 'device-lost', detail: 'reason: destroyed' }, TOY_CONFIG)).toMatch(
      /^The GPU device was lost \(reason: destroyed\)\. Your charts are kept; press Play/,
    );
    expect(reasonText({ code: 'missing-kernel', kernel: 'Conv2DBackpropFilter', backend: 'wasm' }, TOY_CONFIG)).toBe(
      'The wasm backend cannot run this experiment: it has no Conv2DBackpropFilter operation. ' +
        'Choose another backend (or Auto, which tries each one first), then press Play.',
    );
  });

  it('name the step, lane (from 1) and loss part of a divergence, and suggest a temperature only where there is one', () => {
    const base = { code: 'diverged', step: 57, lane: 1, part: 'KD', restoredStep: 50 } as const;
    expect(reasonText({ ...base, hasTemperature: true }, TOY_CONFIG)).toBe(
      'The loss became NaN or infinite at step 57 (lane 2, KD). The students were restored to step 50. ' +
        'Try a lower learning rate or a temperature nearer 1, then press Play.',
    );
    expect(reasonText({ ...base, hasTemperature: false }, TOY_CONFIG)).toContain(
      'Try a lower learning rate, then press Play.',
    );
  });
});

describe('a cancelled job', () => {
  it('says what stopped, where, how long stopping took, and what to do', () => {
    const text = reasonText({ code: 'cancelled', job: 'teacher', done: 1250, total: 20000, stopMs: 180 }, TOY_CONFIG);
    expect(text).toBe(
      'Cancelled the teacher’s training at step 1,250 of 20,000 (stopped in 180 ms). Nothing was built and your ' +
        'settings are kept. Press Play to train it again, or first lower “Teacher › Training steps” or its widths.',
    );
    expect(reasonText({ code: 'cancelled', job: 'trial', stopMs: 2400 }, TOY_CONFIG)).toBe(
      'Cancelled choosing a backend (stopped in 2.4 s). Nothing was built and your settings are kept. ' +
        'Press Play to time the backends again, or choose one by hand.',
    );
    expect(reasonText({ code: 'cancelled', job: 'pool', done: 64, total: 1024 }, TOY_CONFIG)).toMatch(
      /^Cancelled filling the teacher-output pool at window 64 of 1,024\. /,
    );
  });
});
