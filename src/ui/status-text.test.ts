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
