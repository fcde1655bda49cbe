/**
 * The key/value-cached decoder for cpu and wasm: the cache on the host, written in place by
 * a JavaScript attention kernel, and every piece between two matMuls one kernel
 * (decode-kernels.ts), on LayerNorm-folded weights (decode-weights.ts). One new character of
 * the shipped teacher is 43 kernels (an embedding, per layer four matMuls, the attention, two
 * add-and-normalise and a GELU in three, then the head and a reshape), against 248 for the
 * tensor decoder (transformer-decode.ts's KvDecoder, which the GPU backends keep: there the
 * cache stays on the device and no JavaScript kernel can read it).
 *
 * Same contract as KvDecoder: `feed` appends positions and returns the logits at each of them;
 * the logits equal the full forward's within float32 noise (transformer-decode tests).
 */
import * as tf from '@tensorflow/tfjs';
import {
  DECODE_ADD_NORM,
  DECODE_ATTEND,
  DECODE_EMBED,
  DECODE_GELU_ARG,
  ensureDecodeKernels,
  registerCache,
  releaseCache,
} from './decode-kernels';
import { decodeWeights, type DecodeLinear, type DecodeWeights } from './decode-weights';
import type { Decodable } from './transformer-decode';

const LINEAR = { transposeA: false, transposeB: false, activation: 'linear' };
/** x·w + b, wasm's and cpu's _FusedMatMul kernel itself on [1, rows, in]: no reshapes around it. */
const apply = (x: tf.Tensor, f: DecodeLinear) =>
  tf.engine().runKernel('_FusedMatMul', { a: x, b: f.w, bias: f.b }, LINEAR) as tf.Tensor3D;
/** A kernel's outputs as a list (the engine returns a lone output bare). */
function run(name: string, inputs: tf.NamedTensorMap, attrs: Record<string, number> = {}): tf.Tensor[] {
  const out = tf.engine().runKernel(name, inputs, attrs) as tf.Tensor | tf.Tensor[];
  return Array.isArray(out) ? out : [out];
}

export class HostKvDecoder {
  private length = 0;
  private readonly cacheId: number;
  private readonly weights: DecodeWeights;
  /** Weights folded here (a model that is not frozen) are this decoder's to free. */
  private readonly ownsWeights: boolean;

  constructor(
    private readonly model: Decodable,
    private readonly rows: number,
  ) {
    ensureDecodeKernels();
    const { layers, width, heads, context } = model.config;
    const shared = model.decodeWeights?.();
    const byName = new Map(model.names.map((n, i) => [n, model.variables[i]!]));
    this.weights = shared ?? decodeWeights((n) => byName.get(n)!, layers);
    this.ownsWeights = !shared;
    const size = rows * context * width;
    this.cacheId = registerCache({
      rows,
      heads,
      headWidth: width / heads,
      context,
      keys: Array.from({ length: layers }, () => new Float32Array(size)),
      values: Array.from({ length: layers }, () => new Float32Array(size)),
    });
  }

  /** Positions held in the cache (the window's first `cached` tokens). */
  get cached(): number {
    return this.length;
  }

  /**
   * Appends `tokens` (row-major [rows, n], the window's next n positions) to the cache and
   * returns the logits at each new position, [rows · n, vocab] row-major by (row, position).
   */
  feed(tokens: Int32Array): tf.Tensor2D {
    const n = tokens.length / this.rows;
    const c = this.length;
    const { context } = this.model.config;
    if (!Number.isInteger(n) || n < 1) throw new Error('decode: feed at least one token per row');
    if (c + n > context) throw new Error(`decode: ${c + n} positions exceed the context of ${context}`);
    const w = this.weights;
    const logits = tf.tidy(() => {
      const ids = tf.tensor1d(tokens, 'int32');
      let [h, normed] = run(DECODE_EMBED, { ids, table: w.tokens, positions: w.positions }, { start: c, n });
      w.layers.forEach((layer, l) => {
        const qkv = apply(normed!, layer.qkv);
        const attended = run(DECODE_ATTEND, { qkv }, { cache: this.cacheId, layer: l, start: c, n })[0]!;
        const [mid, m] = run(DECODE_ADD_NORM, { x: h!, y: apply(attended, layer.out) });
        const z = apply(m!, layer.mlpIn);
        const g = tf.mul(z, tf.sigmoid(run(DECODE_GELU_ARG, { x: z })[0]!));
        [h, normed] = run(DECODE_ADD_NORM, { x: mid!, y: apply(g, layer.mlpOut) });
      });
      // After the last block the normalised stream is the final LayerNorm's (γ, β in the head).
      const out = apply(normed!, w.head);
      return tf.reshape(out, [out.shape[1], out.shape[2]]) as tf.Tensor2D;
    });
    this.length = c + n;
    return logits;
  }

  /** Empties the cache (the window moved on): the next feed writes from position 0. */
  reset(): void {
    this.length = 0;
  }

  dispose(): void {
    releaseCache(this.cacheId);
    if (this.ownsWeights) this.weights.dispose();
  }
}
