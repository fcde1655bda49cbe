/** A character vocabulary: characters ⇄ integer ids, in the order of the given string. */
export interface Vocab {
  /** The characters in id order. */
  readonly chars: string;
  readonly size: number;
  /** Ids for `text`. Unknown characters throw, or map to the `unknown` character if one was given. */
  encode(text: string): Int32Array;
  /** Characters for `ids`; an id outside [0, size) throws. */
  decode(ids: ArrayLike<number>): string;
  has(ch: string): boolean;
}

export interface VocabOptions {
  /**
   * A vocabulary character to stand in for characters outside the vocabulary. Without it,
   * `encode` throws on them: silently dropping text would shift every later position.
   */
  unknown?: string;
}

export function createVocab(chars: string, options: VocabOptions = {}): Vocab {
  // Array.from splits by code point, so an astral character counts once.
  const list = Array.from(chars);
  if (list.length === 0) throw new Error('createVocab: the vocabulary is empty');
  const index = new Map<string, number>();
  list.forEach((ch, i) => {
    if (index.has(ch)) throw new Error(`createVocab: ${JSON.stringify(ch)} appears twice`);
    index.set(ch, i);
  });
  let unknownId = -1;
  if (options.unknown !== undefined) {
    unknownId = index.get(options.unknown) ?? -1;
    if (unknownId < 0)
      throw new Error(`createVocab: unknown stand-in ${JSON.stringify(options.unknown)} is not in the vocabulary`);
  }
  return {
    chars,
    size: list.length,
    has: (ch) => index.has(ch),
    encode(text) {
      const chs = Array.from(text);
      const ids = new Int32Array(chs.length);
      chs.forEach((ch, i) => {
        const id = index.get(ch) ?? unknownId;
        if (id < 0) throw new Error(`encode: ${JSON.stringify(ch)} (position ${i}) is not in the vocabulary`);
        ids[i] = id;
      });
      return ids;
    },
    decode(ids) {
      let out = '';
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i]!;
        const ch = list[id];
        if (ch === undefined || !Number.isInteger(id))
          throw new Error(`decode: id ${id} is outside [0, ${list.length})`);
        out += ch;
      }
      return out;
    },
  };
}
