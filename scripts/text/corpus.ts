/** The built corpus (public/data/text) as token ids, checked against its meta.json. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { createVocab, type Vocab } from '../../src/tasks/text/vocab';

export interface CorpusMeta {
  vocab: string;
  characters: number;
  split: { heldOutStart: number };
  files: Record<string, { bytes: number; sha256: string }>;
}

export interface Corpus {
  meta: CorpusMeta;
  vocab: Vocab;
  ids: Int32Array;
  train: Int32Array;
  heldOut: Int32Array;
}

export function loadCorpus(dir = 'public/data/text'): Corpus {
  const meta = JSON.parse(readFileSync(`${dir}/meta.json`, 'utf8')) as CorpusMeta;
  const text = gunzipSync(readFileSync(`${dir}/corpus.txt.gz`)).toString('utf8');
  const hash = createHash('sha256').update(text).digest('hex');
  if (hash !== meta.files['corpus.txt (inflated)']?.sha256) {
    throw new Error('corpus.txt.gz does not match meta.json: run `npm run data:text`');
  }
  const vocab = createVocab(meta.vocab);
  const ids = vocab.encode(text);
  const s = meta.split.heldOutStart;
  return { meta, vocab, ids, train: ids.subarray(0, s), heldOut: ids.subarray(s) };
}
