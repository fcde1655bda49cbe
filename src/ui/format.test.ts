import { describe, expect, it } from 'vitest';
import { stepsRate } from './format';

describe('stepsRate', () => {
  it('never reads 0 for a slow but moving run', () => {
    expect(stepsRate(0.1)).toBe('0.10');
    expect(stepsRate(0.0123)).toBe('0.012');
    expect(stepsRate(0.8)).toBe('0.80');
    expect(stepsRate(2.345)).toBe('2.3');
    expect(stepsRate(9.96)).toBe('10');
    expect(stepsRate(123.4)).toBe('123');
  });
  it('shows a dash when nothing is measured', () => {
    expect(stepsRate(0)).toBe('—');
    expect(stepsRate(undefined)).toBe('—');
    expect(stepsRate(Number.NaN)).toBe('—');
  });
});
