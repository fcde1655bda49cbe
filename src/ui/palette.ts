/**
 * Class colours: ten distinct ones (Fashion-MNIST has ten classes), readable on white; the
 * Tableau 10 hues, darkened where they were too pale for thin lines.
 */
export const CLASS_COLORS = [
  '#2563eb', // blue
  '#f59e0b', // amber
  '#10b981', // green
  '#db2777', // pink
  '#7c3aed', // violet
  '#0891b2', // cyan
  '#65a30d', // lime
  '#dc2626', // red
  '#78350f', // brown
  '#475569', // slate
] as const;

export const classColor = (c: number): string => CLASS_COLORS[c % CLASS_COLORS.length]!;

/**
 * The same classes' colours for text: a darker shade of each hue where the mark colour is under
 * 4.5:1 on white (amber was 2.15:1 and green 2.54:1 as 11 px labels), so that a class label
 * still reads as its colour and as text. palette.test.ts holds each to 4.5:1 and to its hue.
 */
export const CLASS_TEXT_COLORS = [
  '#2563eb', // blue
  '#b45309', // amber 700
  '#047857', // green 700
  '#be185d', // pink 700
  '#7c3aed', // violet
  '#0e7490', // cyan 700
  '#4d7c0f', // lime 700
  '#dc2626', // red
  '#78350f', // brown
  '#475569', // slate
] as const;

export const classTextColor = (c: number): string => CLASS_TEXT_COLORS[c % CLASS_TEXT_COLORS.length]!;

/** Lane colours for charts (race mode). */
export const LANE_COLORS = ['#4f46e5', '#e11d48', '#059669', '#d97706', '#0284c7', '#7c3aed'] as const;

export const laneColor = (lane: number): string => LANE_COLORS[lane % LANE_COLORS.length]!;

export const TEACHER_COLOR = '#334155';

export function hexToRgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** WCAG 2 relative luminance of a #rrggbb colour. */
export function luminance(hex: string): number {
  const [r, g, b] = hexToRgb(hex).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio of two #rrggbb colours (1 to 21; text needs 4.5). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** `rgb` laid over white at `alpha` (0 to 1), as #rrggbb: what a translucent fill looks like on a card. */
export function overWhite(rgb: readonly [number, number, number], alpha: number): string {
  const a = Math.min(1, Math.max(0, alpha));
  return `#${rgb
    .map((v) =>
      Math.round(255 + (v - 255) * a)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/**
 * White or black, whichever reads better on `background`: one of the two is always at least
 * 4.58:1 (they tie where the background's luminance is 0.179), which white and the page's ink
 * (#0f172a) are not on a mid-tone fill.
 */
export function inkOn(background: string): '#ffffff' | '#000000' {
  return contrastRatio('#ffffff', background) >= contrastRatio('#000000', background) ? '#ffffff' : '#000000';
}
