import { describe, expect, it } from 'vitest';
import { durationText, remainingMs } from './eta';

describe('remainingMs', () => {
  it('applies the rate measured so far to the steps left', () => {
    // 100 steps in 2 s: 300 left take 6 s.
    expect(remainingMs(1000, 0, 100, 400, 3000)).toBe(6000);
  });
  it('measures from where the clock started, not from step 0', () => {
    // The clock started at step 50: 50 steps in 1 s, 100 left.
    expect(remainingMs(0, 50, 100, 200, 1000)).toBe(2000);
  });
  it('says nothing before a step was measured', () => {
    expect(remainingMs(0, 0, 0, 400, 500)).toBeUndefined();
    expect(remainingMs(500, 0, 10, 400, 500)).toBeUndefined();
  });
  it('is 0 once the job is done', () => {
    expect(remainingMs(0, 0, 400, 400, 900)).toBe(0);
  });
});

describe('durationText', () => {
  it('rounds to what a person reads', () => {
    expect(durationText(200)).toBe('1 s');
    expect(durationText(12_400)).toBe('12 s');
    expect(durationText(59_400)).toBe('59 s');
    expect(durationText(150_000)).toBe('3 min');
    expect(durationText(95 * 60_000)).toBe('1 h 35 min');
    expect(durationText(120 * 60_000)).toBe('2 h');
  });
});
