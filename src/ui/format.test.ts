import { describe, expect, it } from 'vitest';
import { inShownUnits, stepsRate } from './format';

describe('inShownUnits', () => {
  it('restates a range message for a field shown as a percentage', () => {
    expect(inShownUnits('Test fraction must be at most 0.6', 'Test %', 100)).toBe('Test % must be at most 60');
    expect(inShownUnits('Labelled fraction must be at least 0.01', 'Labelled %', 100)).toBe(
      'Labelled % must be at least 1',
    );
  });
  it('leaves other messages and unscaled fields alone', () => {
    expect(inShownUnits('Test %: “x” is not a number', 'Test %', 100)).toBe('Test %: “x” is not a number');
    expect(inShownUnits('Noise must be at most 1', 'Noise', 1)).toBe('Noise must be at most 1');
  });
});

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
