/**
 * Incremental decoding of the character transformer with a key/value cache: each new position
 * costs one pass over that position alone (per layer its q, k, v; k and v appended to the
 * cache; attention over the cache), instead of a forward pass over the whole window.
 *
 * The maths is the full forward's own (transformer-ops.ts's layerNorm, gelu, linear, in the
 * formulation the backend uses; transformer.ts's MASKED), so the logits equal
 * the full forward's within float32 noise (transformer-decode.test.ts checks it). Positions are
 * absolute, learned embeddings: once the window slides, every cached key is stale, so the
 * caller recomputes the cache for the shifted window (generate.ts does; the full forward would
 * do the same work).
 *
 * The cache lives in kept tensors between calls (tidy would free them); `reset` and `dispose`
 * free it, so the tensor count is flat once a generation ends. This is the GPU backends'
 * decoder; cpu and wasm get transformer-decode-host.ts's (`createDecoder` picks), whose cache
 * is on the host and whose character costs a sixth of the kernels.
 */
import * as tf from '@tensorflow/tfjs';
import { MASKED, oneHotFloat, type TransformerConfig } from './transformer';
import { gelu, layerNorm, linear } from './transformer-ops';
import type { DecodeWeights } from './decode-weights';
import { HostKvDecoder } from './transformer-decode-host';
import { JS_KERNEL_BACKENDS } from '../js-kernels';

/** What decoding reads from a transformer: its config and its weights by parameter name. */
export interface Decodable {
  readonly config: TransformerConfig;
  readonly names: readonly string[];
  readonly variables: readonly tf.Tensor[];
  /** A frozen model's folded weights for the host decoder, made once (undefined: fold per generation). */
  decodeWeights?(): DecodeWeights | undefined;
}

/** What the generator needs of a decoder: appending positions, starting over, freeing. */
export interface Decoder {
  readonly cached: number;
  /** Logits at each of the new positions, [rows · n, vocab], row-major by (row, position). */
  feed(tokens: Int32Array): tf.Tensor2D;
  reset(): void;
  dispose(): void;
}

let tensorOnly = false;

/**
 * Bench only: decode as before the host decoder (the tensor decoder on every backend, no
 * logits kept for the step), so the two time side by side in one run; false returns to now.
 */
export function setDecodingBefore(before: boolean): void {
  tensorOnly = before;
}

/** Whether the bench asked for the decoding before the host decoder (setDecodingBefore). */
export const decodingBefore = (): boolean => tensorOnly;

/** The backend's decoder: the host cache where JavaScript kernels run (cpu, wasm), else tensors. */
export function createDecoder(model: Decodable, rows: number): Decoder {
  const host = !tensorOnly && (JS_KERNEL_BACKENDS as readonly string[]).includes(tf.getBackend());
  return host ? new HostKvDecoder(model, rows) : new KvDecoder(model, rows);
}

/** True for a transformer (or a snapshot of one): something this file can decode. */
export function isDecodable(x: unknown): x is Decodable {
  if (typeof x !== 'object' || x === null) return false;
  const d = x as Partial<Decodable>;
  return Array.isArray(d.names) && Array.isArray(d.variables) && typeof d.config?.layers === 'number';
}

/**
 * The model's weights frozen as they are now, on the device (tf.clone shares the data; an
 * optimiser's assign gives the variable new data and leaves the clone as it was). Lets a
 * caller decode in slices while training goes on between them. Dispose it after.
 */
export function snapshot(model: Decodable): Decodable & { dispose(): void } {
  const variables = model.variables.map((v) => tf.keep(tf.clone(v)));
  return { config: model.config, names: [...model.names], variables, dispose: () => tf.dispose(variables) };
}

/** Causal mask rows for `n` new positions after `cached` ones: [n, cached + n]. */
function newRowsMask(cached: number, n: number): Float32Array {
  const width = cached + n;
  const m = new Float32Array(n * width);
  for (let i = 0; i < n; i++) for (let j = cached + i + 1; j < width; j++) m[i * width + j] = MASKED;
  return m;
}

/** The embedding product, as the full forward computes it (its matMul, without a bias). */
const linearNoBias = (x: tf.Tensor2D, w: tf.Tensor): tf.Tensor2D => tf.matMul(x, w as tf.Tensor2D);

/** A transformer's decoding state for `rows` sequences at the same position. */
export class KvDecoder implements Decoder {
  /** Per layer: keys transposed [rows, heads, headWidth, cached] (scores are then a plain matMul: wasm's transposed matMul is slow). */
  private keys: tf.Tensor4D[] = [];
  /** Per layer: values [rows, heads, cached, headWidth]. */
  private values: tf.Tensor4D[] = [];
  private length = 0;
  private readonly weight: (name: string) => tf.Tensor;

  constructor(
    private readonly model: Decodable,
    private readonly rows: number,
  ) {
    const byName = new Map(model.names.map((n, i) => [n, model.variables[i]!]));
    this.weight = (n) => byName.get(n)!;
  }

  /** Positions held in the cache (the window's first `cached` tokens). */
  get cached(): number {
    return this.length;
  }

  /**
   * Appends `tokens` (row-major [rows, n], the window's next n positions) to the cache and
   * returns the logits at each new position, [rows · n, vocab].
   */
  feed(tokens: Int32Array): tf.Tensor2D {
    const { rows } = this;
    const n = tokens.length / rows;
    const { context, width, heads, vocab, layers } = this.model.config;
    const c = this.length;
    if (!Number.isInteger(n) || n < 1) throw new Error('decode: feed at least one token per row');
    if (c + n > context) throw new Error(`decode: ${c + n} positions exceed the context of ${context}`);
    const w = this.weight;
    const headWidth = width / heads;
    const out = tf.tidy(() => {
      const flat = rows * n;
      const oneHot = oneHotFloat(tf.tensor1d(tokens, 'int32'), vocab) as tf.Tensor2D;
      const positions = tf.slice(w('embed/positions'), [c, 0], [n, width]);
      const embedded = tf.add(tf.reshape(linearNoBias(oneHot, w('embed/tokens')), [rows, n, width]), positions);
      let h = tf.reshape(embedded, [flat, width]) as tf.Tensor2D;
      // Only several new positions (a prompt) need a mask: one position sees the whole cache.
      const mask = n > 1 ? tf.tensor2d(newRowsMask(c, n), [n, c + n]) : undefined;
      const keys: tf.Tensor4D[] = [];
      const values: tf.Tensor4D[] = [];
      for (let l = 0; l < layers; l++) {
        const p = `block${l}`;
        const a = layerNorm(h, w(`${p}/ln1/gamma`), w(`${p}/ln1/beta`));
        const [q, k, v] = tf.split(linear(a, w(`${p}/attn/qkv/w`), w(`${p}/attn/qkv/b`)), 3, 1);
        const heads4 = (x: tf.Tensor, order: number[]) =>
          tf.transpose(tf.reshape(x, [rows, n, heads, headWidth]), order) as tf.Tensor4D;
        const kT = heads4(k!, [0, 2, 3, 1]); // [rows, heads, headWidth, n]
        const vh = heads4(v!, [0, 2, 1, 3]); // [rows, heads, n, headWidth]
        const allK = c ? tf.concat([this.keys[l]!, kT], 3) : kT;
        const allV = c ? tf.concat([this.values[l]!, vh], 2) : vh;
        keys.push(allK);
        values.push(allV);
        const scaled = tf.mul(tf.matMul(heads4(q!, [0, 2, 1, 3]), allK), 1 / Math.sqrt(headWidth));
        const scores = mask ? tf.add(scaled, mask) : scaled;
        const attended = tf.matMul(tf.softmax(scores), allV); // [rows, heads, n, headWidth]
        const merged = tf.reshape(tf.transpose(attended, [0, 2, 1, 3]), [flat, width]) as tf.Tensor2D;
        h = tf.add(h, linear(merged, w(`${p}/attn/out/w`), w(`${p}/attn/out/b`)));
        const m = layerNorm(h, w(`${p}/ln2/gamma`), w(`${p}/ln2/beta`));
        h = tf.add(
          h,
          linear(gelu(linear(m, w(`${p}/mlp/in/w`), w(`${p}/mlp/in/b`))), w(`${p}/mlp/out/w`), w(`${p}/mlp/out/b`)),
        );
      }
      // Every new position's logits: a sequence-level step keeps them as the teacher's outputs.
      const features = layerNorm(h, w('final/ln/gamma'), w('final/ln/beta'));
      return { logits: linear(features, w('head/w'), w('head/b')), keys, values };
    });
    tf.dispose([...this.keys, ...this.values]);
    this.keys = out.keys;
    this.values = out.values;
    this.length = c + n;
    return out.logits;
  }

  /** Empties the cache (the window moved on). */
  reset(): void {
    tf.dispose([...this.keys, ...this.values]);
    this.keys = [];
    this.values = [];
    this.length = 0;
  }

  dispose(): void {
    this.reset();
  }
}
