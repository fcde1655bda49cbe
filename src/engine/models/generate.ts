/**
 * Sampling text from a character model, one character at a time. A transformer decodes with a
 * key/value cache (transformer-decode.ts): one position per new character while the window
 * fills, the cache recomputed for the shifted window once it slides, exactly what the full
 * forward over the last `context` tokens gives. Other models (the window MLP) run their
 * forward over the window per character. Draws come from
 * a seeded Rng, and the choice is made on the host in float64 from the probabilities read
 * back, so a seed gives the same text on any backend whose probabilities agree to within the
 * gaps between cumulative sums (in practice: the same text).
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../lib/rng';
import type { Autoregressive } from './sequence';
import { KvDecoder, isDecodable, type Decodable } from './transformer-decode';

/** Runs a stretch of device work; the worker's samples pass one that queues it between training ticks. */
export interface Slicer {
  <T>(work: () => Promise<T>): Promise<T>;
  /**
   * How long training's last tick took (ms; 0 when it is not training). A stretch may run as
   * long: with one character per 25 ms stretch, a backend whose every character costs more
   * (a GPU read-back) wrote one character per training tick and a sample took minutes.
   */
  readonly trainingMs?: () => number;
}

export interface GenerateOptions {
  /** Softmax temperature; 0 means greedy (argmax, lowest id on ties). */
  temperature: number;
  rng: Rng;
  /** Decode a transformer with the key/value cache (default true; false: a full forward per character). */
  cache?: boolean;
  /**
   * Generate in slices of about `ms()` milliseconds (asked at each slice), each one run by
   * `run` (default: all at once). The model must not change between slices: pass a snapshot
   * of a model in training.
   */
  slices?: { run: Slicer; ms: () => number };
}

/** Next-token distributions (or logits when greedy) [B, V] for the last position of each row. */
function lastPosition(
  model: { forward: Autoregressive['forward'] },
  windows: Int32Array,
  rows: number,
  temperature: number,
): tf.Tensor2D {
  return tf.tidy(() => {
    const steps = windows.length / rows;
    const { logits } = model.forward(tf.tensor2d(windows, [rows, steps], 'int32'));
    const last = tf.reshape(tf.slice(logits, [0, steps - 1, 0], [rows, 1, -1]), [rows, -1]) as tf.Tensor2D;
    return temperature === 0 ? last : tf.softmax(tf.div(last, temperature));
  });
}

/**
 * `n` new token ids following `prompt` (at least one id). The model sees only the last
 * `config.context` tokens, as it was trained.
 */
export async function generate(
  model: Autoregressive | Decodable,
  prompt: ArrayLike<number>,
  n: number,
  options: GenerateOptions,
): Promise<Int32Array> {
  return generateBatch(model, Int32Array.from(prompt), 1, n, options);
}

/**
 * Continues `rows` prompts of equal length at once (prompts: row-major [rows, promptLength])
 * and returns the `n` new ids of each, row-major [rows, n]. One forward pass and one read-back
 * per new position for the whole batch; draws are taken position by position, row by row,
 * so one row gives the same text as `generate`.
 */
export async function generateBatch(
  model: Autoregressive | Decodable,
  prompts: Int32Array,
  rows: number,
  n: number,
  { temperature, rng, cache = true, slices }: GenerateOptions,
): Promise<Int32Array> {
  const promptLength = prompts.length / rows;
  if (promptLength < 1 || !Number.isInteger(promptLength))
    throw new Error('generate: the prompt needs at least one token');
  if (!(temperature >= 0) || !Number.isFinite(temperature)) {
    throw new Error(`generate: temperature must be ≥ 0, got ${temperature}`);
  }
  const { context, vocab } = model.config;
  const length = promptLength + n;
  const tokens = new Int32Array(rows * length);
  for (let r = 0; r < rows; r++) tokens.set(prompts.subarray(r * promptLength, (r + 1) * promptLength), r * length);
  const decoder = cache && isDecodable(model) ? new KvDecoder(model, rows) : null;
  if (!decoder && !('forward' in model)) throw new Error('generate: this model cannot run without the cache');
  /** The window [from, pos) of every row, row-major (a fresh copy: some backends keep a reference to a tensor's source until upload). */
  const windowOf = (from: number, pos: number) => {
    const steps = pos - from;
    const windows = new Int32Array(rows * steps);
    for (let r = 0; r < rows; r++) windows.set(tokens.subarray(r * length + from, r * length + pos), r * steps);
    return windows;
  };
  /** Next-token probabilities (or logits when greedy) [rows, vocab] after position pos - 1. */
  const next = (pos: number): tf.Tensor2D => {
    const from = Math.max(0, pos - context);
    if (!decoder) return lastPosition(model as Autoregressive, windowOf(from, pos), rows, temperature);
    // A window that slid has new positions for every token: recompute its cache.
    if (from > 0) decoder.reset();
    const logits = decoder.feed(windowOf(from + decoder.cached, pos));
    if (temperature === 0) return logits;
    const probs = tf.tidy(() => tf.softmax(tf.div(logits, temperature)));
    logits.dispose();
    return probs as tf.Tensor2D;
  };
  let pos = promptLength;
  const stretch = async () => {
    const t0 = performance.now();
    const budget = slices?.ms() ?? Infinity;
    do {
      const out = next(pos);
      const values = await out.data();
      tf.dispose(out);
      for (let r = 0; r < rows; r++) {
        const row = values.subarray(r * vocab, (r + 1) * vocab);
        tokens[r * length + pos] = temperature === 0 ? argmax(row) : sample(row, rng.next());
      }
      pos++;
    } while (pos < length && performance.now() - t0 < budget);
  };
  try {
    while (pos < length) await (slices ? slices.run(stretch) : stretch());
  } finally {
    decoder?.dispose();
  }
  const out = new Int32Array(rows * n);
  for (let r = 0; r < rows; r++) out.set(tokens.subarray(r * length + promptLength, (r + 1) * length), r * n);
  return out;
}

function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}

/** Inverse-CDF draw; normalises by the float64 sum so rounding in the softmax cannot overrun. */
function sample(probs: ArrayLike<number>, u: number): number {
  let total = 0;
  for (let i = 0; i < probs.length; i++) total += probs[i]!;
  const target = u * total;
  let cumulative = 0;
  for (let i = 0; i < probs.length; i++) {
    cumulative += probs[i]!;
    if (target < cumulative) return i;
  }
  // u·total can equal total only by rounding: take the last character with any mass.
  for (let i = probs.length - 1; i > 0; i--) if (probs[i]! > 0) return i;
  return 0;
}
