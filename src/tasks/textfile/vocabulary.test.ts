import { describe, expect, it } from 'vitest';
import { buildVocabulary, encodeText, mergedNotice, OTHER } from './vocabulary';

describe('text file vocabulary', () => {
  it('keeps every symbol of a small alphabet, in code-point order', () => {
    const v = buildVocabulary('banana bread\n');
    expect(v.vocab).toBe('\n abdenr');
    expect(v.characters).toBe(13);
    expect(v.merged).toEqual({ symbols: [], occurrences: 0 });
    expect(mergedNotice(v)).toBeNull();
    expect(Array.from(encodeText('bread', v.vocab))).toEqual([3, 7, 5, 2, 4]);
  });

  it('merges the rarest symbols into "other" beyond the limit, and says so', () => {
    // a ×5, b ×4, c ×3, d ×2, e ×1, f ×1: four symbols at most keep a, b, c and "other".
    const text = 'aaaaabbbbcccddef';
    const v = buildVocabulary(text, 4);
    expect(v.vocab).toBe(`abc${OTHER}`);
    expect(v.merged).toEqual({ symbols: ['d', 'e', 'f'], occurrences: 4 });
    expect(mergedNotice(v, 2)).toBe(
      `3 rare symbols (4 characters) merged into one “other” symbol (${OTHER}), the vocabulary keeping 96 at most: “d”, “e”, ….`,
    );
    expect(Array.from(encodeText('adcf', v.vocab))).toEqual([0, 3, 2, 3]);
  });

  it('is deterministic: ties broken by code point, not by where a symbol first appears', () => {
    const a = buildVocabulary('zyxw', 3);
    const b = buildVocabulary('wxyz', 3);
    expect(a).toEqual(b);
    expect(a.vocab).toBe(`wx${OTHER}`);
    expect(a.merged.symbols).toEqual(['y', 'z']);
  });

  it('counts code points, and merges a stray replacement character', () => {
    const v = buildVocabulary(`a😀a${OTHER}`);
    expect(v.characters).toBe(4);
    expect(v.vocab).toBe(`a😀${OTHER}`);
    expect(v.merged).toEqual({ symbols: [OTHER], occurrences: 1 });
    expect(Array.from(encodeText(`😀a${OTHER}`, v.vocab))).toEqual([1, 0, 2]);
  });

  it('names whitespace and control symbols readably in the notice', () => {
    const v = buildVocabulary('aaaa\t\u0007 ', 2);
    expect(mergedNotice(v)).toContain('at most: U+0007, tab, space.');
  });

  it('refuses a symbol the vocabulary lacks when there is no "other"', () => {
    expect(() => encodeText('abc', 'ab')).toThrow(/“c” is not in the vocabulary/);
  });
});
