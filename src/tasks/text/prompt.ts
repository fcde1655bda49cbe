import { TEXT_VOCAB } from './normalise';

const KEEP = new Set(TEXT_VOCAB);

/**
 * A typed prompt in the models' vocabulary: lowercased, typographic quotes and dashes made
 * plain, anything else outside the vocabulary dropped (and reported, so nobody is surprised).
 */
export function cleanPrompt(raw: string): { text: string; dropped: string[] } {
  const dropped: string[] = [];
  let text = '';
  for (const ch of raw
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .toLowerCase()) {
    if (KEEP.has(ch)) text += ch;
    else if (!dropped.includes(ch)) dropped.push(ch);
  }
  return { text, dropped };
}
