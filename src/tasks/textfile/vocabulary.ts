/**
 * The character vocabulary of a user's text: every symbol it uses, up to MAX_SYMBOLS; beyond
 * that the rarest are merged into one "other" symbol, so a file with a few stray accents or
 * emoji keeps a small softmax. The order is fixed by the text alone (code-point order, "other"
 * last), so the same file always gives the same ids.
 */

/** Most symbols a text's vocabulary keeps, "other" included. */
export const MAX_SYMBOLS = 96;

/** Stands for every merged symbol (U+FFFD REPLACEMENT CHARACTER; in the text it is merged too). */
export const OTHER = '\uFFFD';

export interface BuiltVocabulary {
  /** The symbols in id order. */
  vocab: string;
  /** Characters of the text (code points). */
  characters: number;
  /** The merged symbols, most frequent first, and how often they occur together. */
  merged: { symbols: string[]; occurrences: number };
}

/** How a symbol is named in a message: visible stand-ins for whitespace and controls. */
export function describeSymbol(ch: string): string {
  if (ch === ' ') return 'space';
  if (ch === '\n') return 'line break';
  if (ch === '\t') return 'tab';
  const cp = ch.codePointAt(0)!;
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return `“${ch}”`;
}

const byCodePoint = (a: string, b: string) => a.codePointAt(0)! - b.codePointAt(0)!;

export function buildVocabulary(text: string, max: number = MAX_SYMBOLS): BuiltVocabulary {
  const counts = new Map<string, number>();
  let characters = 0;
  for (const ch of text) {
    counts.set(ch, (counts.get(ch) ?? 0) + 1);
    characters++;
  }
  // The stand-in is never a symbol of its own: a text that contains it has it merged.
  const strayOther = counts.get(OTHER) ?? 0;
  counts.delete(OTHER);
  // Most frequent first; ties in code-point order, so the choice never depends on the Map's order.
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || byCodePoint(a[0], b[0]));
  const needsOther = strayOther > 0 || ranked.length > max;
  const keep = needsOther ? max - 1 : max;
  const kept = ranked.slice(0, keep).map(([ch]) => ch);
  const rest = ranked.slice(keep);
  const symbols = [...rest.map(([ch]) => ch), ...(strayOther > 0 ? [OTHER] : [])];
  const occurrences = rest.reduce((n, [, c]) => n + c, strayOther);
  const vocab = kept.sort(byCodePoint).join('') + (needsOther ? OTHER : '');
  return { vocab, characters, merged: { symbols, occurrences } };
}

/** The notice for merged symbols ("12 rare symbols … e.g. “é”, “ü”"), or null when none were. */
export function mergedNotice(v: BuiltVocabulary, examples = 5): string | null {
  const { symbols, occurrences } = v.merged;
  if (symbols.length === 0) return null;
  const shown = symbols.slice(0, examples).map(describeSymbol).join(', ');
  const more = symbols.length > examples ? ', …' : '';
  const n = symbols.length;
  return `${n} rare symbol${n === 1 ? '' : 's'} (${occurrences.toLocaleString('en-US')} character${occurrences === 1 ? '' : 's'}) merged into one “other” symbol (${OTHER}), the vocabulary keeping ${MAX_SYMBOLS} at most: ${shown}${more}.`;
}

/** The text as ids in `vocab`; a character outside it becomes "other" (when the vocabulary has one). */
export function encodeText(text: string, vocab: string): Int32Array {
  const index = new Map<string, number>();
  Array.from(vocab).forEach((ch, i) => index.set(ch, i));
  const other = index.get(OTHER) ?? -1;
  // A code point is one or two UTF-16 units: text.length is enough room.
  const ids = new Int32Array(text.length);
  let n = 0;
  for (const ch of text) {
    const id = index.get(ch) ?? other;
    if (id < 0) throw new Error(`encodeText: ${describeSymbol(ch)} is not in the vocabulary`);
    ids[n++] = id;
  }
  return ids.slice(0, n);
}
