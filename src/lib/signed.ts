/**
 * A number for people to read with its sign: rounded first, so a difference of −0.00004 reads
 * "0.0" and not "−0.0", and with the typographic minus (U+2212) everywhere, so a table never
 * mixes "−0.5" and "-0.5". Pure, for the labs' pure summaries as much as for the UI.
 */
export function signed(v: number, digits: number, opts: { plus?: boolean } = {}): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? '—' : v > 0 ? '∞' : '−∞';
  const text = Math.abs(v).toFixed(digits);
  const zero = Number(text) === 0;
  if (zero) return text;
  return `${v < 0 ? '−' : opts.plus ? '+' : ''}${text}`;
}
