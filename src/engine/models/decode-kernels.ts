/**
 * JavaScript kernels for decoding a transformer a few positions at a time on cpu and wasm
 * (js-kernels.ts), used by transformer-decode-host.ts. Decoding works on a handful of rows
 * per character (32 windows), where tfjs's bookkeeping per kernel (about 20 µs on wasm) costs
 * more than the arithmetic: the tensor decoder spent 248 kernels per character, its LayerNorm
 * alone 9, the attention over the cache a growing Concat and two rank-4 BatchMatMuls (a
 * scalar loop on wasm). These do each piece between two matMuls in one kernel:
 *
 * - embedding: a row of the token table plus the position's row, and its normalised form;
 * - residual add and LayerNorm's normalisation (γ and β are folded into the matMul that reads
 *   it, decode-weights.ts): both results, the stream and what the next layer reads;
 * - GELU's sigmoid argument, for the same x·sigmoid(2u) form as the fast forward pass;
 * - attention of the new positions over the key/value cache, which lives on the host
 *   (HostKvCache) and is written in place: no copy of the cache per character.
 *
 * Sums are taken in float64 and rounded once to float32, so the results match the tensor
 * forms within float32 noise (transformer-decode tests compare the logits).
 */
import type * as tf from '@tensorflow/tfjs';
import { registerJsKernel } from '../js-kernels';
import { LN_EPSILON } from './transformer-ops';

export const DECODE_EMBED = 'KdStudioDecodeEmbed';
export const DECODE_ADD_NORM = 'KdStudioDecodeAddNorm';
export const DECODE_GELU_ARG = 'KdStudioDecodeGeluArg';
export const DECODE_ATTEND = 'KdStudioDecodeAttend';

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
const GELU_CUBIC = 0.044715;

/** Keys and values of every layer for `rows` sequences, [rows, heads, context, headWidth] each. */
export interface HostKvCache {
  rows: number;
  heads: number;
  headWidth: number;
  context: number;
  keys: Float32Array[];
  values: Float32Array[];
}

/**
 * Caches by id: a kernel's attributes carry numbers, so the decoder registers its cache here
 * for its lifetime and passes the id.
 */
const caches = new Map<number, HostKvCache>();
let nextId = 1;

export function registerCache(cache: HostKvCache): number {
  const id = nextId++;
  caches.set(id, cache);
  return id;
}

export const releaseCache = (id: number): boolean => caches.delete(id);

/**
 * Rows and width of an activation: the decoder keeps them [1, rows, width], the shape wasm's
 * _FusedMatMul kernel takes, so no reshape runs between kernels.
 */
function rowsOf(t: tf.TensorInfo): [number, number] {
  const width = t.shape[t.shape.length - 1]!;
  return [t.shape.reduce((a, b) => a * b, 1) / width, width];
}

/** Normalises `rows` rows of `width` from `x` into `out`: (x − mean)/√(var + ε). */
function normalise(x: Float32Array, out: Float32Array, rows: number, width: number): void {
  for (let r = 0; r < rows; r++) {
    const o = r * width;
    let sum = 0;
    for (let j = 0; j < width; j++) sum += x[o + j]!;
    const mean = sum / width;
    let sq = 0;
    for (let j = 0; j < width; j++) {
      const d = x[o + j]! - mean;
      sq += d * d;
    }
    const inv = 1 / Math.sqrt(sq / width + LN_EPSILON);
    for (let j = 0; j < width; j++) out[o + j] = (x[o + j]! - mean) * inv;
  }
}

/**
 * Softmax-weighted values of one query over cached positions 0..last of one row and head,
 * into `acc`; returns the softmax's sum. The query is copied out first and the sums kept in
 * float64 scratch (reading the WASM heap's view in the innermost loop ran 3× slower here), and
 * four positions go together, each query or sum element read once for the four: 1.5–1.8×
 * faster than one position at a time in Node.
 */
function attendOne(
  q: Float64Array,
  keys: Float32Array,
  values: Float32Array,
  at: number,
  last: number,
  d: number,
  scores: Float64Array,
  acc: Float64Array,
): number {
  const count = last + 1;
  let max = -Infinity;
  let j = 0;
  for (; j + 3 < count; j += 4) {
    const k0 = at + j * d;
    const [k1, k2, k3] = [k0 + d, k0 + 2 * d, k0 + 3 * d];
    let [s0, s1, s2, s3] = [0, 0, 0, 0];
    for (let e = 0; e < d; e++) {
      const qe = q[e]!;
      s0 += qe * keys[k0 + e]!;
      s1 += qe * keys[k1 + e]!;
      s2 += qe * keys[k2 + e]!;
      s3 += qe * keys[k3 + e]!;
    }
    scores[j] = s0;
    scores[j + 1] = s1;
    scores[j + 2] = s2;
    scores[j + 3] = s3;
    max = Math.max(max, s0, s1, s2, s3);
  }
  for (; j < count; j++) {
    const k = at + j * d;
    let s = 0;
    for (let e = 0; e < d; e++) s += q[e]! * keys[k + e]!;
    scores[j] = s;
    if (s > max) max = s;
  }
  let total = 0;
  for (let i = 0; i < count; i++) {
    const p = Math.exp(scores[i]! - max);
    scores[i] = p;
    total += p;
  }
  acc.fill(0);
  j = 0;
  for (; j + 3 < count; j += 4) {
    const [p0, p1, p2, p3] = [scores[j]!, scores[j + 1]!, scores[j + 2]!, scores[j + 3]!];
    const v0 = at + j * d;
    const [v1, v2, v3] = [v0 + d, v0 + 2 * d, v0 + 3 * d];
    for (let e = 0; e < d; e++)
      acc[e] = acc[e]! + p0 * values[v0 + e]! + p1 * values[v1 + e]! + p2 * values[v2 + e]! + p3 * values[v3 + e]!;
  }
  for (; j < count; j++) {
    const p = scores[j]!;
    const v = at + j * d;
    for (let e = 0; e < d; e++) acc[e] = acc[e]! + p * values[v + e]!;
  }
  return total;
}

/** Registers the decoding kernels on cpu and wasm (idempotent). */
export function ensureDecodeKernels(): void {
  // ids [rows·n] int32, table [vocab, width], positions [context, width]; attrs start, n → two [1, rows·n, width].
  registerJsKernel(DECODE_EMBED, (inputs, attrs, io) => {
    const { ids, table, positions } = inputs as Record<string, tf.TensorInfo>;
    const width = table!.shape[1]!;
    const count = ids!.shape[0]!;
    const [h, normed] = io.alloc([
      [1, count, width],
      [1, count, width],
    ]);
    const [idv, tv, pv, hv] = [io.view(ids!), io.f32(table!), io.f32(positions!), io.f32(h!)];
    const start = attrs.start as number;
    const n = attrs.n as number;
    for (let row = 0; row < count; row++) {
      const [t, p] = [idv[row]! * width, (start + (row % n)) * width];
      for (let j = 0; j < width; j++) hv[row * width + j] = tv[t + j]! + pv[p + j]!;
    }
    normalise(hv, io.f32(normed!), count, width);
    return [h!, normed!];
  });
  // x, y [1, rows, width] → x + y and its normalised rows.
  registerJsKernel(DECODE_ADD_NORM, (inputs, _attrs, io) => {
    const { x, y } = inputs as Record<string, tf.TensorInfo>;
    const [rows, width] = rowsOf(x!);
    const [sum, normed] = io.alloc([x!.shape, x!.shape]);
    const [xv, yv, sv] = [io.f32(x!), io.f32(y!), io.f32(sum!)];
    for (let i = 0; i < xv.length; i++) sv[i] = xv[i]! + yv[i]!;
    normalise(sv, io.f32(normed!), rows, width);
    return [sum!, normed!];
  });
  // GELU's sigmoid argument z = 2u (the fast forward's x·sigmoid(2u) form): the sigmoid itself
  // is XNNPACK's (transformer-decode-host.ts), 4–6× faster than Math.exp here.
  registerJsKernel(DECODE_GELU_ARG, (inputs, _attrs, io) => {
    const { x } = inputs as Record<string, tf.TensorInfo>;
    const [out] = io.alloc([x!.shape]);
    const [xv, ov] = [io.f32(x!), io.f32(out!)];
    for (let i = 0; i < xv.length; i++) {
      const v = xv[i]!;
      ov[i] = v * (2 * SQRT_2_OVER_PI + 2 * SQRT_2_OVER_PI * GELU_CUBIC * v * v);
    }
    return [out!];
  });
  // qkv [1, rows·n, 3·width] (q, k, v side by side) → [1, rows·n, width]; attrs cache, layer, start, n.
  registerJsKernel(DECODE_ATTEND, (inputs, attrs, io) => {
    const { qkv } = inputs as Record<string, tf.TensorInfo>;
    const cache = caches.get(attrs.cache as number);
    if (!cache) throw new Error('decode: the key/value cache was released');
    const { heads, headWidth: d, context } = cache;
    const width = heads * d;
    const [count] = rowsOf(qkv!);
    const [start, n, layer] = [attrs.start as number, attrs.n as number, attrs.layer as number];
    const [out] = io.alloc([[1, count, width]]);
    const [qv, ov] = [io.f32(qkv!), io.f32(out!)];
    const [keys, values] = [cache.keys[layer]!, cache.values[layer]!];
    // Every new position's key and value first: a position attends to itself and the ones before.
    for (let row = 0; row < count; row++) {
      const [r, t] = [Math.floor(row / n), start + (row % n)];
      for (let h = 0; h < heads; h++) {
        const to = ((r * heads + h) * context + t) * d;
        const from = row * 3 * width + h * d;
        for (let e = 0; e < d; e++) {
          keys[to + e] = qv[from + width + e]!;
          values[to + e] = qv[from + 2 * width + e]!;
        }
      }
    }
    const scores = new Float64Array(start + n);
    const [q, acc] = [new Float64Array(d), new Float64Array(d)];
    const scale = 1 / Math.sqrt(d);
    for (let row = 0; row < count; row++) {
      const [r, t] = [Math.floor(row / n), start + (row % n)];
      for (let h = 0; h < heads; h++) {
        const from = row * 3 * width + h * d;
        for (let e = 0; e < d; e++) q[e] = qv[from + e]! * scale;
        const total = attendOne(q, keys, values, (r * heads + h) * context * d, t, d, scores, acc);
        const to = row * width + h * d;
        for (let e = 0; e < d; e++) ov[to + e] = acc[e]! / total;
      }
    }
    return [out!];
  });
}
