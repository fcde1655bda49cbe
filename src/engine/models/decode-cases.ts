/**
 * Test cases shared by the cpu and wasm tests of the cached decoder (transformer-decode.test.ts,
 * transformer-decode-wasm.test.ts): its logits against the full forward's, and seeded samples
 * with and without the cache, for the shipped teacher and a student-sized transformer.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';
import { createRng } from '../../lib/rng';
import { generateBatch } from './generate';
import { createTransformer, loadTransformer, type Transformer } from './transformer';
import { KvDecoder, createDecoder, type Decodable, type Decoder } from './transformer-decode';

/** The backend's decoder (the host one on cpu and wasm), or the tensor one the GPU backends run. */
export type DecoderKind = 'backend' | 'tensor';
const decoderOf = (kind: DecoderKind, model: Decodable, rows: number): Decoder =>
  kind === 'tensor' ? new KvDecoder(model, rows) : createDecoder(model, rows);

const TEACHER_DIR = join(import.meta.dirname, '../../../public/models/char-transformer');

/** The shipped teacher (4 × 96, context 64) and a 2 × 48 student on its vocabulary. */
export function teacherAndStudent(): { teacher: Transformer; student: Transformer } {
  const json: unknown = JSON.parse(readFileSync(join(TEACHER_DIR, 'model.json'), 'utf8'));
  const bytes = readFileSync(join(TEACHER_DIR, 'weights.bin'));
  const weights = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const teacher = loadTransformer(json, weights);
  const { vocab, context } = teacher.config;
  const config = { vocab, context, layers: 2, width: 48, heads: 4, mlpRatio: 4 };
  return { teacher, student: createTransformer(config, createRng(5, 'decode-student'), 'student') };
}

const randomIds = (n: number, vocab: number, seed: string) => {
  const rng = createRng(3, seed);
  return Int32Array.from({ length: n }, () => rng.int(vocab));
};

/**
 * Feeds a prompt, then one token at a time up to the full context, and compares each step's
 * logits with the full forward's last position. Returns the worst absolute difference relative
 * to the logits' scale.
 */
export async function worstLogitGap(
  model: Transformer,
  rows: number,
  prompt: number,
  kind: DecoderKind = 'backend',
): Promise<number> {
  const { context, vocab } = model.config;
  const ids = randomIds(rows * context, vocab, 'decode-ids');
  const window = (to: number) => {
    const w = new Int32Array(rows * to);
    for (let r = 0; r < rows; r++) w.set(ids.subarray(r * context, r * context + to), r * to);
    return w;
  };
  const slice = (from: number, to: number) => {
    const w = new Int32Array(rows * (to - from));
    for (let r = 0; r < rows; r++) w.set(ids.subarray(r * context + from, r * context + to), r * (to - from));
    return w;
  };
  const decoder = decoderOf(kind, model, rows);
  let worst = 0;
  for (let pos = prompt; pos <= context; pos++) {
    const from = decoder.cached;
    // Every new position's logits, against the full forward's at the same positions.
    const cached = decoder.feed(slice(from, pos));
    const full = tf.tidy(() => {
      const { logits } = model.forward(tf.tensor2d(window(pos), [rows, pos], 'int32'));
      return tf.slice(logits, [0, from, 0], [rows, pos - from, vocab]);
    });
    const [a, b] = await Promise.all([cached.data(), full.data()]);
    tf.dispose([cached, full]);
    const scale = Math.max(...Array.from(b, Math.abs));
    for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!) / scale);
  }
  expect(decoder.cached).toBe(context);
  decoder.dispose();
  return worst;
}

/** Seeded samples past the context, with the cache and without, and the tensors left over. */
export async function samplesBothWays(model: Transformer, rows: number, p: number, n: number, temperature: number) {
  const prompt = randomIds(rows * p, model.config.vocab, 'decode-prompt');
  const before = tf.memory().numTensors;
  const draw = (cache: boolean) =>
    generateBatch(model, prompt, rows, n, { temperature, rng: createRng(17, 'samples'), cache });
  const cached = await draw(true);
  const leftCached = tf.memory().numTensors - before;
  const full = await draw(false);
  return { cached: Array.from(cached), full: Array.from(full), leftCached };
}
