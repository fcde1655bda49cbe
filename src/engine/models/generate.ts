/**
 * Sampling text from a character model, one character at a time. A transformer decodes with a
 * key/value cache (transformer-decode.ts): one position per new character while the window
 * fills, the cache recomputed for the shifted window once it slides, exactly what the full
 * forward over the last `context` tokens gives. Other models (the window MLP) run their
 * forward over the window per character. Draws come from
 * a seeded Rng, and the choice is made on the host in float64 from the logits read back (the
 * softmax at the sampling temperature too: one read per character, no kernels for it), so a
 * seed gives the same text on any backend whose logits agree to within the gaps between
 * cumulative sums (in practice: the same text), with the cache or without.
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../lib/rng';
import type { Autoregressive } from './sequence';
import { createDecoder, decodingBefore, isDecodable, type Decodable } from './transformer-decode';

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

/** Next-token logits [B, V] at the last position of each row. */
function lastPosition(model: { forward: Autoregressive['forward'] }, windows: Int32Array, rows: number): tf.Tensor2D {
  return tf.tidy(() => {
    const steps = windows.length / rows;
    const { logits } = model.forward(tf.tensor2d(windows, [rows, steps], 'int32'));
    return tf.reshape(tf.slice(logits, [0, steps - 1, 0], [rows, 1, -1]), [rows, -1]) as tf.Tensor2D;
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
  options: GenerateOptions,
): Promise<Int32Array> {
  return (await generateWithLogits(model, prompts, rows, n, options, false)).ids;
}

/**
 * `generateBatch`, and with `keep` the model's logits at every position of the text it read,
 * [rows, promptLength + n − 1, vocab] row-major: what a forward pass over the finished windows
 * would give (within float32 noise), had for free where the cache computed them. Absent when
 * they were not all computed: without the cache, or once the window slid.
 */
export async function generateWithLogits(
  model: Autoregressive | Decodable,
  prompts: Int32Array,
  rows: number,
  n: number,
  { temperature, rng, cache = true, slices }: GenerateOptions,
  keep = true,
): Promise<{ ids: Int32Array; logits?: Float32Array }> {
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
  const decoder = cache && isDecodable(model) ? createDecoder(model, rows) : null;
  if (!decoder && !('forward' in model)) throw new Error('generate: this model cannot run without the cache');
  /** The window [from, pos) of every row, row-major (a fresh copy: some backends keep a reference to a tensor's source until upload). */
  const windowOf = (from: number, pos: number) => {
    const steps = pos - from;
    const windows = new Int32Array(rows * steps);
    for (let r = 0; r < rows; r++) windows.set(tokens.subarray(r * length + from, r * length + pos), r * steps);
    return windows;
  };
  // Every position's logits, kept while the cache computes each position once.
  const read = length - 1;
  let logits =
    keep && decoder && read <= context && !decodingBefore() ? new Float32Array(rows * read * vocab) : undefined;
  /** Next-token logits after position pos − 1: [rows · fed, vocab] for the `fed` positions computed. */
  const next = (pos: number): { out: tf.Tensor2D; fed: number } => {
    const from = Math.max(0, pos - context);
    if (!decoder) return { out: lastPosition(model as Autoregressive, windowOf(from, pos), rows), fed: 1 };
    // A window that slid has new positions for every token: recompute its cache.
    if (from > 0) {
      decoder.reset();
      logits = undefined;
    }
    const start = from + decoder.cached;
    return { out: decoder.feed(windowOf(start, pos)), fed: pos - start };
  };
  let pos = promptLength;
  const stretch = async () => {
    const t0 = performance.now();
    const budget = slices?.ms() ?? Infinity;
    do {
      const { out, fed } = next(pos);
      const values = (await out.data()) as Float32Array;
      tf.dispose(out);
      for (let r = 0; r < rows; r++) {
        const at = (r * fed + fed - 1) * vocab;
        const row = values.subarray(at, at + vocab);
        tokens[r * length + pos] = temperature === 0 ? argmax(row) : sample(row, temperature, rng.next());
        logits?.set(values.subarray(r * fed * vocab, (r + 1) * fed * vocab), (r * read + pos - fed) * vocab);
      }
      pos++;
    } while (pos < length && performance.now() - t0 < budget);
  };
  try {
    while (pos < length) await (slices ? slices.run(stretch) : stretch());
  } finally {
    decoder?.dispose();
  }
  const ids = new Int32Array(rows * n);
  for (let r = 0; r < rows; r++) ids.set(tokens.subarray(r * length + promptLength, (r + 1) * length), r * n);
  return { ids, logits };
}

function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}

/**
 * Inverse-CDF draw from softmax(logits / temperature), in float64: the weights exp((z − max)/T)
 * are normalised by their sum, so rounding cannot overrun. A row without a finite maximum (a
 * diverged model) draws id 0, as its NaN probabilities used to.
 */
export function sample(logits: ArrayLike<number>, temperature: number, u: number): number {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) if (logits[i]! > max) max = logits[i]!;
  if (!Number.isFinite(max)) return 0;
  const weights = new Float64Array(logits.length);
  let total = 0;
  for (let i = 0; i < logits.length; i++) {
    weights[i] = Math.exp((logits[i]! - max) / temperature);
    total += weights[i]!;
  }
  const target = u * total;
  let cumulative = 0;
  for (let i = 0; i < weights.length; i++) {
    cumulative += weights[i]!;
    if (target < cumulative) return i;
  }
  // u·total can equal total only by rounding: take the last character with any mass.
  for (let i = weights.length - 1; i > 0; i--) if (weights[i]! > 0) return i;
  return 0;
}
