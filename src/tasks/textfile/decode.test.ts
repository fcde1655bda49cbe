import { describe, expect, it } from 'vitest';
import { DataFileError } from '../../data/open';
import { decodeTextFile, MAX_TEXT_BYTES, MIN_TEXT_CHARACTERS } from './decode';

const utf8 = (s: string) => new TextEncoder().encode(s);
const long = 'Call me Ishmael. '.repeat(Math.ceil(MIN_TEXT_CHARACTERS / 17));

function refusal(bytes: Uint8Array): string {
  try {
    decodeTextFile(bytes, '“x.txt”');
  } catch (e) {
    expect(e).toBeInstanceOf(DataFileError);
    return (e as Error).message;
  }
  throw new Error('not refused');
}

describe('reading a text file', () => {
  it('reads UTF-8, drops a BOM and makes line breaks "\\n"', () => {
    const text = decodeTextFile(utf8(`\uFEFFé\r\nb\rc\n${long}`));
    expect(text.startsWith('é\nb\nc\nCall')).toBe(true);
  });

  it('refuses binary files: NUL bytes, or bytes that are not UTF-8', () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, ...utf8(long)]);
    expect(refusal(png)).toBe('“x.txt” is not a text file: it contains NUL bytes, as binary files do.');
    const latin1 = Uint8Array.from([...utf8(long), 0xe9, 0x20, 0x61]);
    expect(refusal(latin1)).toMatch(/is not UTF-8 text: some of its bytes are not valid UTF-8/);
  });

  it('refuses UTF-16, with a BOM either way round or without one', () => {
    const le = new Uint8Array(long.length * 2);
    for (let i = 0; i < long.length; i++) le[2 * i] = long.charCodeAt(i);
    const be = new Uint8Array(long.length * 2);
    for (let i = 0; i < long.length; i++) be[2 * i + 1] = long.charCodeAt(i);
    for (const bytes of [Uint8Array.from([0xff, 0xfe, ...le]), Uint8Array.from([0xfe, 0xff, ...be]), le, be])
      expect(refusal(bytes)).toMatch(/is UTF-16 text; the studio reads UTF-8/);
  });

  it('refuses texts shorter than 10,000 characters (code points, not bytes)', () => {
    expect(refusal(utf8('é'.repeat(MIN_TEXT_CHARACTERS - 1)))).toBe(
      '“x.txt” has 9,999 characters; the text task needs at least 10,000.',
    );
    expect(decodeTextFile(utf8('é'.repeat(MIN_TEXT_CHARACTERS)))).toHaveLength(MIN_TEXT_CHARACTERS);
  });

  it('refuses files over 5 MB', () => {
    expect(refusal(new Uint8Array(MAX_TEXT_BYTES + 1).fill(0x61))).toBe(
      '“x.txt” is 5.0 MB; a text file can be at most 5.0 MB. Use a part of it.',
    );
  });
});
