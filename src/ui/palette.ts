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

/** Lane colours for charts (race mode). */
export const LANE_COLORS = ['#4f46e5', '#e11d48', '#059669', '#d97706', '#0284c7', '#7c3aed'] as const;

export const laneColor = (lane: number): string => LANE_COLORS[lane % LANE_COLORS.length]!;

export const TEACHER_COLOR = '#334155';

export function hexToRgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}
