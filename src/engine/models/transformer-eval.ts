/**
 * Perplexity of a character transformer over a stretch of text: exp of the token-mean
 * cross-entropy over non-overlapping windows (each window predicts its own `context` next
 * characters, so early positions of a window see little context, as in training).
 */
import * as tf from '@tensorflow/tfjs';
import { type Transformer, tokenCrossEntropy } from './transformer';

/** Start offsets of the non-overlapping windows of `ids` (each needs context + 1 ids). */
export function windowStarts(length: number, context: number): number[] {
  const count = Math.max(0, Math.floor((length - 1) / context));
  return Array.from({ length: count }, (_, i) => i * context);
}

/** Every k-th of `starts`, k chosen so that at most `max` remain, spread over the whole text. */
export function spreadSample(starts: number[], max: number): number[] {
  if (starts.length <= max) return starts;
  const step = starts.length / max;
  return Array.from({ length: max }, (_, i) => starts[Math.floor(i * step)]!);
}

/** Input [n, T] and target [n, T] ids for windows starting at `starts`. */
export function windowBatch(ids: Int32Array, starts: number[], context: number): { x: Int32Array; y: Int32Array } {
  const x = new Int32Array(starts.length * context);
  const y = new Int32Array(starts.length * context);
  starts.forEach((s, r) => {
    x.set(ids.subarray(s, s + context), r * context);
    y.set(ids.subarray(s + 1, s + 1 + context), r * context);
  });
  return { x, y };
}

export interface EvalResult {
  /** Token-mean cross-entropy in nats. */
  crossEntropy: number;
  perplexity: number;
  tokens: number;
  windows: number;
}

/** Cross-entropy and perplexity over the given windows, `batch` windows per forward pass. */
export async function evaluateWindows(
  model: Transformer,
  ids: Int32Array,
  starts: number[],
  batch = 64,
): Promise<EvalResult> {
  const { context } = model.config;
  let total = 0;
  for (let i = 0; i < starts.length; i += batch) {
    const chunk = starts.slice(i, i + batch);
    const { x, y } = windowBatch(ids, chunk, context);
    const loss = tf.tidy(() => {
      const xs = tf.tensor2d(x, [chunk.length, context], 'int32');
      const ys = tf.tensor2d(y, [chunk.length, context], 'int32');
      return tokenCrossEntropy(model.forward(xs).logits, ys);
    });
    // Weighted by the chunk's token count, summed in float64 on the host.
    total += (await loss.data())[0]! * chunk.length * context;
    loss.dispose();
  }
  const tokens = starts.length * context;
  const crossEntropy = total / tokens;
  return { crossEntropy, perplexity: Math.exp(crossEntropy), tokens, windows: starts.length };
}
