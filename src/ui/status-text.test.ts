import { describe, expect, it } from 'vitest';
import { reasonText } from './status-text';

describe('status words', () => {
  it('word each reason the worker sends', () => {
    expect(reasonText({ code: 'finished', steps: 3000 })).toBe('Finished the planned 3000 steps.');
    expect(reasonText({ code: 'planned-steps-reached', steps: 200 })).toBe(
      'Reached the planned 200 steps. Raise “Steps” or Reset to go on.',
    );
    expect(reasonText({ code: 'error', detail: 'The teacher’s loss diverged' })).toBe('The teacher’s loss diverged');
    expect(reasonText({ code: 'device-lost', detail: 'reason: destroyed' })).toMatch(
      /^The GPU device was lost \(reason: destroyed\)\. Your charts are kept; press Play/,
    );
  });

  it('name the step, lane (from 1) and loss part of a divergence, and suggest a temperature only where there is one', () => {
    const base = { code: 'diverged', step: 57, lane: 1, part: 'KD', restoredStep: 50 } as const;
    expect(reasonText({ ...base, hasTemperature: true })).toBe(
      'The loss became NaN or infinite at step 57 (lane 2, KD). The students were restored to step 50. ' +
        'Try a lower learning rate or a temperature nearer 1, then press Play.',
    );
    expect(reasonText({ ...base, hasTemperature: false })).toContain('Try a lower learning rate, then press Play.');
  });
});
