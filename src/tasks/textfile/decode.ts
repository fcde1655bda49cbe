/**
 * A user's text file as text, or a clear message why it cannot be one. Binary files, UTF-16
 * text, texts too short to learn from and files too large to train on in a browser are each
 * refused in their own words (DataFileError), so the experiment in force stays.
 */
import { DataFileError } from '../../data/open';

/** Largest text file read: 5 MB (ids, windows and the teacher's training stay in a browser's budget). */
export const MAX_TEXT_BYTES = 5 * 1024 * 1024;
/** Fewest characters: a text shorter than this cannot fill its held-out windows or teach a teacher. */
export const MIN_TEXT_CHARACTERS = 10_000;

/** How many leading bytes the UTF-16 check looks at. */
const PROBE = 4096;

const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/** UTF-16 text without a BOM: a zero in (nearly) every other byte (ASCII written in two bytes). */
function looksUtf16(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, PROBE) & ~1;
  if (n < 8) return false;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  return Math.max(evenZeros, oddZeros) >= 0.9 * pairs;
}

/** The file's text: UTF-8 (a BOM dropped), line breaks as "\n". */
export function decodeTextFile(bytes: Uint8Array, name = 'The file'): string {
  if (bytes.length > MAX_TEXT_BYTES)
    throw new DataFileError(
      `${name} is ${mb(bytes.length)}; a text file can be at most ${mb(MAX_TEXT_BYTES)}. Use a part of it.`,
    );
  const bom16 =
    bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
  if (bom16 || looksUtf16(bytes))
    throw new DataFileError(
      `${name} is UTF-16 text; the studio reads UTF-8. Save it as UTF-8 (most editors offer it under “Save as” or “Encoding”).`,
    );
  if (bytes.includes(0))
    throw new DataFileError(`${name} is not a text file: it contains NUL bytes, as binary files do.`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new DataFileError(`${name} is not UTF-8 text: some of its bytes are not valid UTF-8 (a binary file?).`);
  }
  text = text.replace(/\r\n?/g, '\n');
  // Code points, counted only as far as the limit (a 5 MB text need not be walked for this).
  let characters = 0;
  const chars = text[Symbol.iterator]();
  while (characters < MIN_TEXT_CHARACTERS && !chars.next().done) characters++;
  if (characters < MIN_TEXT_CHARACTERS)
    throw new DataFileError(
      `${name} has ${characters.toLocaleString('en-US')} characters; the text task needs at least ${MIN_TEXT_CHARACTERS.toLocaleString('en-US')}.`,
    );
  return text;
}
