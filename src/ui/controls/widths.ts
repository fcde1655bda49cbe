/**
 * Reading a list of widths as typed ("48, 48"; spaces between numbers work too). Every entry
 * must be there and be a whole number: "48,,48" is refused, not read as [48, 48], since a
 * place left empty between commas is as likely a width forgotten as a comma too many. The
 * schema then says whether each width is in range. Empty text is the empty list (no hidden layer).
 */
export type Parsed = { ok: true; value: number[] } | { ok: false; message: string };

const HOW = 'write whole numbers separated by commas, e.g. 32, 16';
const WHOLE = /^[-+]?\d+$/;

export function parseWidths(text: string, label: string): Parsed {
  const t = text.trim();
  if (t === '') return { ok: true, value: [] };
  const bad = (what: string): Parsed => ({ ok: false, message: `${label}: ${what}; ${HOW}` });
  const shown = `“${t.length > 40 ? `${t.slice(0, 39)}…` : t}”`;
  const parts = t.split(',').map((p) => p.trim());
  if (parts[0] === '') return bad(`${shown} starts with a comma`);
  if (parts.at(-1) === '') return bad(`${shown} ends with a comma`);
  if (parts.includes('')) return bad(`${shown} has nothing between two commas`);
  const tokens = parts.flatMap((p) => p.split(/\s+/));
  const notWhole = tokens.find((x) => !WHOLE.test(x));
  if (notWhole !== undefined) return bad(`“${notWhole.slice(0, 20)}” is not a whole number`);
  return { ok: true, value: tokens.map(Number) };
}

/** What a phone's keyboard may type in a widths box: digits, commas and spaces. */
export const WIDTHS_PATTERN = '[0-9, ]*';
