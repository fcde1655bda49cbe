/**
 * Text normalisation for the character-level language task. The corpus builder and the
 * browser (for a typed prompt) use the same function, so a prompt always lands in the
 * model's vocabulary.
 */

/**
 * The character vocabulary in index order: newline, space, punctuation, digits, letters
 * (code-point order). 49 symbols: a small softmax keeps the student's output layer cheap.
 */
export const TEXT_VOCAB = '\n !"\'(),-.0123456789:;?abcdefghijklmnopqrstuvwxyz';

/** Typographic characters with a plain equivalent in the vocabulary. */
const REPLACEMENTS: Record<string, string> = {
  '\u2018': "'", // ‘
  '\u2019': "'", // ’
  '\u201c': '"', // “
  '\u201d': '"', // ”
  // An em dash joins words ("ago—never"); spaced, it reads as a dash and not a hyphen.
  '\u2014': ' - ',
  '\u2013': '-', // –
  '&': ' and ',
  '\t': ' ',
  '\r': '',
};

const KEEP = new Set(TEXT_VOCAB);

export interface NormaliseResult {
  text: string;
  /** Characters that had no equivalent and were dropped, with counts (for the corpus meta). */
  dropped: Record<string, number>;
}

/**
 * Lowercases, maps typographic punctuation to ASCII, drops anything else outside TEXT_VOCAB,
 * and reflows whitespace: a blank line ends a paragraph (one "\n" in the output), a single
 * line break inside a paragraph is only the source's hard wrap and becomes a space, and runs
 * of spaces collapse to one. Each paragraph is then one line, so "\n" means something.
 */
export function normaliseText(raw: string): NormaliseResult {
  const dropped: Record<string, number> = {};
  let mapped = '';
  for (const ch of raw.normalize('NFC')) {
    const rep = REPLACEMENTS[ch];
    if (rep !== undefined) {
      mapped += rep;
      continue;
    }
    const lower = ch.toLowerCase();
    if (KEEP.has(lower)) mapped += lower;
    else dropped[ch] = (dropped[ch] ?? 0) + 1;
  }
  const paragraphs = mapped
    .split(/\n[ ]*\n+/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p.length > 0);
  return { text: paragraphs.join('\n') + (paragraphs.length > 0 ? '\n' : ''), dropped };
}
