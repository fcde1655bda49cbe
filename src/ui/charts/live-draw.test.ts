import { describe, expect, it } from 'vitest';
import { tickLabelX } from './live-draw';

describe('tickLabelX', () => {
  it('keeps the last tick’s label inside the chart (it was centred on the edge: "3,00")', () => {
    // A 30 px label on the right edge of a 328 px chart.
    expect(tickLabelX(318, 30, 1, 327)).toBe(312);
    expect(tickLabelX(318, 30, 1, 327) + 15).toBeLessThanOrEqual(327);
  });
  it('leaves a label that fits where it is, and keeps the first inside on the left', () => {
    expect(tickLabelX(150, 30, 1, 327)).toBe(150);
    expect(tickLabelX(2, 10, 1, 327)).toBe(6);
  });
});
