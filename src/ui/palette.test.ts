import { describe, expect, it } from 'vitest';
import { CLASS_COLORS, CLASS_TEXT_COLORS, contrastRatio, hexToRgb, inkOn, overWhite } from './palette';

/** Hue in degrees of a #rrggbb colour. */
function hue(hex: string): number {
  const [r, g, b] = hexToRgb(hex).map((v) => v / 255) as [number, number, number];
  const max = Math.max(r, g, b);
  const d = max - Math.min(r, g, b);
  if (d === 0) return 0;
  const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return (h * 60 + 360) % 360;
}

// The backgrounds class labels sit on: cards (white) and a hovered row or tile (#f8fafc).
const BACKGROUNDS = ['#ffffff', '#f8fafc'];

describe('palette contrast', () => {
  it('computes WCAG ratios (black on white is 21:1; the old amber and green labels as the issue measured)', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#f59e0b', '#ffffff')).toBeCloseTo(2.15, 2);
    expect(contrastRatio('#10b981', '#ffffff')).toBeCloseTo(2.54, 2);
  });

  it('gives every class a text colour of at least 4.5:1, of the same hue as its marks', () => {
    expect(CLASS_TEXT_COLORS).toHaveLength(CLASS_COLORS.length);
    CLASS_TEXT_COLORS.forEach((text, c) => {
      for (const bg of BACKGROUNDS) expect(contrastRatio(text, bg), `class ${c} on ${bg}`).toBeGreaterThanOrEqual(4.5);
      const drift = Math.abs(hue(text) - hue(CLASS_COLORS[c]!));
      expect(Math.min(drift, 360 - drift), `class ${c} hue`).toBeLessThanOrEqual(15);
    });
  });
});

describe('ink on a translucent fill', () => {
  it('lays a colour over white', () => {
    expect(overWhite([79, 70, 229], 0)).toBe('#ffffff');
    expect(overWhite([79, 70, 229], 1)).toBe('#4f46e5');
    expect(overWhite([0, 0, 0], 0.5)).toBe('#808080');
  });

  it('keeps a confusion cell’s number at 4.5:1 or more at every fill strength', () => {
    for (const rgb of [
      [79, 70, 229],
      [225, 29, 72],
    ] as const) {
      for (let a = 0; a <= 1.0001; a += 0.01) {
        const bg = overWhite(rgb, a);
        expect(contrastRatio(inkOn(bg), bg), `${bg}`).toBeGreaterThanOrEqual(4.5);
      }
    }
  });
});
