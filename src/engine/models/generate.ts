/**
 * Sampling text from a character transformer, one character per forward pass. Draws come from
 * a seeded Rng, and the choice is made on the host in float64 from the probabilities read
 * back, so a seed gives the same text on any backend whose probabilities agree to within the
 * gaps between cumulative sums (in practice: the same text).
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../lib/rng';
import type { Transformer } from './transformer';

export interface GenerateOptions {
  /** Softmax temperature; 0 means greedy (argmax, lowest id on ties). */
  temperature: number;
  rng: Rng;
}

/** Next-token distribution (or logits when greedy) for the last position of `window`. */
function lastPosition(model: Transformer, window: Int32Array, temperature: number): tf.Tensor1D {
  return tf.tidy(() => {
    const { logits } = model.forward(tf.tensor2d(window, [1, window.length], 'int32'));
    const last = tf.reshape(tf.slice(logits, [0, window.length - 1, 0], [1, 1, -1]), [-1]) as tf.Tensor1D;
    return temperature === 0 ? last : tf.softmax(tf.div(last, temperature));
  });
}

/**
 * `n` new token ids following `prompt` (at least one id). The model sees only the last
 * `config.context` tokens, as it was trained.
 */
export async function generate(
  model: Transformer,
  prompt: ArrayLike<number>,
  n: number,
  { temperature, rng }: GenerateOptions,
): Promise<Int32Array> {
  if (prompt.length === 0) throw new Error('generate: the prompt needs at least one token');
  if (!(temperature >= 0) || !Number.isFinite(temperature)) {
    throw new Error(`generate: temperature must be ≥ 0, got ${temperature}`);
  }
  const { context } = model.config;
  const tokens = Int32Array.from({ length: prompt.length + n }, (_, i) => (i < prompt.length ? prompt[i]! : 0));
  for (let pos = prompt.length; pos < tokens.length; pos++) {
    // A copy: some backends keep a reference to a tensor's source array until it is uploaded.
    const window = tokens.slice(Math.max(0, pos - context), pos);
    const out = lastPosition(model, window, temperature);
    const values = await out.data();
    out.dispose();
    tokens[pos] = temperature === 0 ? argmax(values) : sample(values, rng.next());
  }
  return tokens.slice(prompt.length);
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
