import { describe, expect, it } from 'vitest';
import { signed } from './signed';

describe('signed', () => {
  it('rounds before it signs: no negative zero', () => {
    expect(signed(-0.00004, 1)).toBe('0.0');
    expect(signed(-1e-17, 2, { plus: true })).toBe('0.00');
    expect(signed(-0, 1)).toBe('0.0');
  });
  it('uses the typographic minus, and a plus only when asked', () => {
    expect(signed(-0.26, 1)).toBe('−0.3');
    expect(signed(3.14159, 2)).toBe('3.14');
    expect(signed(3.14159, 2, { plus: true })).toBe('+3.14');
  });
  it('names what is not a finite number', () => {
    expect(signed(NaN, 1)).toBe('—');
    expect(signed(Infinity, 1)).toBe('∞');
    expect(signed(-Infinity, 1)).toBe('−∞');
  });
});
