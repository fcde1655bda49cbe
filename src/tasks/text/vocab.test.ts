import { describe, expect, it } from 'vitest';
import { TEXT_VOCAB, normaliseText } from './normalise';
import { createVocab } from './vocab';

describe('character vocabulary', () => {
  it('round-trips text and keeps the given order', () => {
    const v = createVocab('ab c');
    expect(v.size).toBe(4);
    expect(Array.from(v.encode('cab a'))).toEqual([3, 0, 1, 2, 0]);
    expect(v.decode(v.encode('cab a'))).toBe('cab a');
  });
  it('handles unknown characters explicitly', () => {
    expect(() => createVocab('ab').encode('abc')).toThrow(/"c" \(position 2\)/);
    expect(Array.from(createVocab('ab?', { unknown: '?' }).encode('axb'))).toEqual([0, 2, 1]);
    expect(() => createVocab('ab', { unknown: '?' })).toThrow(/not in the vocabulary/);
    expect(() => createVocab('aba')).toThrow(/twice/);
    expect(() => createVocab('ab').decode([2])).toThrow(/outside/);
  });
  it('normalises text into the corpus vocabulary', () => {
    const raw =
      'CHAPTER 1. Loomings.\n\nCall me Ishmael. Some years ago—never\nmind how   long “precisely” — it’s *so* & so.\n\n\n';
    const { text, dropped } = normaliseText(raw);
    expect(text).toBe(
      'chapter 1. loomings.\ncall me ishmael. some years ago - never mind how long "precisely" - it\'s so and so.\n',
    );
    expect(dropped).toEqual({ '*': 2 });
    expect(createVocab(TEXT_VOCAB).decode(createVocab(TEXT_VOCAB).encode(text))).toBe(text);
    expect(Array.from(TEXT_VOCAB).length).toBeLessThanOrEqual(64);
  });
});
