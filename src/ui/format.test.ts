import { describe, expect, it } from 'vitest';
import { inShownUnits } from './format';

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
