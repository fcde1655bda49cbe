import { TEXT_VOCAB } from './normalise';

/**
 * A typed prompt in the models' vocabulary (the shipped corpus's unless another is given): a
 * character the vocabulary lacks is lowercased, or made plain (typographic quotes and dashes),
 * and dropped if that does not help either (and reported, so nobody is surprised).
 */
export function cleanPrompt(raw: string, vocab: string = TEXT_VOCAB): { text: string; dropped: string[] } {
  const keep = new Set(vocab);
  const dropped: string[] = [];
  let text = '';
  for (const ch of raw) {
    if (keep.has(ch)) {
      text += ch;
      continue;
    }
    const plain = ch
      .replace(/[\u2018\u2019]/g, "'")
      .replace(/[\u201c\u201d]/g, '"')
      .replace(/[\u2013\u2014]/g, '-')
      .toLowerCase();
    for (const c of plain) {
      if (keep.has(c)) text += c;
      else if (!dropped.includes(c)) dropped.push(c);
    }
  }
  return { text, dropped };
}

/** Where a prompt with nothing left in the vocabulary starts: a line break, or the first symbol. */
export const emptyPromptStart = (vocab: string): string => (vocab.includes('\n') ? '\n' : Array.from(vocab)[0]!);
