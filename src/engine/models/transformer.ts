/**
 * A decoder-only character transformer (GPT-style, pre-LayerNorm) on plain tf.Variables, the
 * teacher and student of the text task.
 *
 *   tokens ─ one-hot·E + P ─┬─ LN ─ causal MHA ─(+)─┬─ LN ─ MLP(GELU) ─(+)─ … ─ LN ─┬─ head ─ logits
 *                           └──────────────────────┘└──────────────────────┘        └─ features
 *
 * Only ops whose gradients every backend implements (matMul, reshape, transpose, softmax,
 * element-wise maths, slice, split, oneHot without a gradient) are used, so the same model
 * trains on webgpu, webgl, wasm and cpu.
 *
 * Embedding lookup is `oneHot(tokens) · E`, not `tf.gather(E, tokens)`: the gradient of
 * gather is UnsortedSegmentSum, which the WASM backend does not have, so a gather model cannot
 * train there. With a character vocabulary (V ≈ 50) the one-hot product is cheap, B·T·V·width
 * multiply-adds, like one more width×V layer. Measured in Node for batch 32 × 64 tokens, width
 * 128 (scripts/text/bench.ts), embedding forward + backward: wasm one-hot 11 ms (about 1% of a
 * 4×128 training step; gather: no gradient kernel); cpu one-hot 86 ms, gather 1380 ms. So one
 * path everywhere.
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../lib/rng';
import { glorotUniform } from './init';
import { causalAttention } from './transformer-attention';
import { addPositions, embed, gelu, layerNorm, linear, transformerForms } from './transformer-ops';
import { disposeFrozen, freezeWeights, frozenForward, type FrozenWeights } from './transformer-frozen';
import { decodeWeights, type DecodeWeights } from './decode-weights';
import { JS_KERNEL_BACKENDS } from '../js-kernels';
import { withSharedClones } from './wasm-identity';

// The building blocks, for other sequence code (a generation cache) that reuses them.
export { gelu, layerNorm, linear, matMul2d } from './transformer-ops';
export { causalAttention, type AttentionShape } from './transformer-attention';
export { setTransformerForms, transformerForms, type TransformerForms } from './transformer-ops';

export interface TransformerConfig {
  /** Vocabulary size (characters). */
  vocab: number;
  /** Longest sequence the model reads (learned positions). */
  context: number;
  layers: number;
  width: number;
  heads: number;
  /** MLP hidden width as a multiple of `width` (4 in GPT). */
  mlpRatio: number;
}

export interface TransformerOutput {
  /** [B, T, vocab] next-character logits at every position. */
  logits: tf.Tensor3D;
  /** [B, T, width] the final hidden state after the last LayerNorm (for feature matching). */
  features: tf.Tensor3D;
}

export interface Transformer {
  readonly config: TransformerConfig;
  /** Trainable weights, in `parameterShapes` order. */
  readonly variables: tf.Variable[];
  /** Parameter names relative to the model (`block0/attn/qkv/w`), aligned with `variables`. */
  readonly names: string[];
  readonly paramCount: number;
  /** tokens: int32 [B, T] with T ≤ context. Causal: position t sees tokens 0..t only. */
  forward(tokens: tf.Tensor2D): TransformerOutput;
  /**
   * Declares the weights fixed from now on (a teacher, never differentiated again): the fast
   * forms then read weights transformed once (transformer-frozen.ts) and run without gradients.
   */
  freeze(): void;
  /** Once frozen, the host decoder's folded weights, made at the first call (undefined before). */
  decodeWeights(): DecodeWeights | undefined;
  dispose(): void;
}

/** Large enough that exp() of a masked score is exactly 0 in float32, small enough to stay finite. */
export const MASKED = -1e9;
const EMBEDDING_STD = 0.02;

/** Every weight of a model with this config, in a fixed order (save files rely on it). */
export function parameterShapes(config: TransformerConfig): [name: string, shape: number[]][] {
  const { vocab, context, layers, width } = config;
  const hidden = config.mlpRatio * width;
  const shapes: [string, number[]][] = [
    ['embed/tokens', [vocab, width]],
    ['embed/positions', [context, width]],
  ];
  for (let l = 0; l < layers; l++) {
    const p = `block${l}`;
    shapes.push(
      [`${p}/ln1/gamma`, [width]],
      [`${p}/ln1/beta`, [width]],
      [`${p}/attn/qkv/w`, [width, 3 * width]],
      [`${p}/attn/qkv/b`, [3 * width]],
      [`${p}/attn/out/w`, [width, width]],
      [`${p}/attn/out/b`, [width]],
      [`${p}/ln2/gamma`, [width]],
      [`${p}/ln2/beta`, [width]],
      [`${p}/mlp/in/w`, [width, hidden]],
      [`${p}/mlp/in/b`, [hidden]],
      [`${p}/mlp/out/w`, [hidden, width]],
      [`${p}/mlp/out/b`, [width]],
    );
  }
  shapes.push(['final/ln/gamma', [width]], ['final/ln/beta', [width]], ['head/w', [width, vocab]], ['head/b', [vocab]]);
  return shapes;
}

const sizeOf = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

export function paramCount(config: TransformerConfig): number {
  return parameterShapes(config).reduce((n, [, shape]) => n + sizeOf(shape), 0);
}

/** Throws a readable error unless `config` is a usable TransformerConfig. */
export function validateConfig(config: unknown): TransformerConfig {
  if (typeof config !== 'object' || config === null) throw new Error('transformer config: expected an object');
  const c = config as Record<string, unknown>;
  for (const key of ['vocab', 'context', 'layers', 'width', 'heads', 'mlpRatio'] as const) {
    const v = c[key];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
      throw new Error(`transformer config: ${key} must be a positive integer, got ${JSON.stringify(v)}`);
    }
  }
  const valid = c as unknown as TransformerConfig;
  if (valid.width % valid.heads !== 0) {
    throw new Error(`transformer config: width ${valid.width} is not divisible by heads ${valid.heads}`);
  }
  return valid;
}

/**
 * Initial value of one weight, drawn on the CPU from its own fork of the seed (so every
 * backend starts bit-identical, and a weight does not change when another is added).
 * Linear layers are Glorot-uniform; the two projections that write into the residual stream
 * are scaled by 1/√(2·layers) (GPT-2) so the stream's variance does not grow with depth.
 */
function initialValue(name: string, shape: number[], config: TransformerConfig, rng: Rng): Float32Array {
  const r = rng.fork(name);
  const leaf = name.slice(name.lastIndexOf('/') + 1);
  if (leaf === 'gamma') return new Float32Array(sizeOf(shape)).fill(1);
  if (leaf === 'beta' || leaf === 'b') return new Float32Array(sizeOf(shape));
  if (name.startsWith('embed/')) {
    const w = new Float32Array(sizeOf(shape));
    for (let i = 0; i < w.length; i++) w[i] = r.normal() * EMBEDDING_STD;
    return w;
  }
  const w = glorotUniform(shape[0]!, shape[1]!, r);
  if (name.endsWith('attn/out/w') || name.endsWith('mlp/out/w')) {
    const scale = 1 / Math.sqrt(2 * config.layers);
    for (let i = 0; i < w.length; i++) w[i] = w[i]! * scale;
  }
  return w;
}

/** Causal additive mask [context, context]: 0 on and below the diagonal, MASKED above. */
function causalMask(context: number): Float32Array {
  const m = new Float32Array(context * context);
  for (let i = 0; i < context; i++) for (let j = i + 1; j < context; j++) m[i * context + j] = MASKED;
  return m;
}

/**
 * One-hot rows as float32. Not `tf.oneHot(…, 'float32')`: tfjs-backend-wasm 4.22 ignores the
 * dtype and writes int32 bit patterns into the float buffer (1 reads as 1.4e-45), which made
 * every embedding and every cross-entropy on wasm silently zero. Casting an int32 one-hot is
 * correct on every backend.
 */
export function oneHotFloat(ids: tf.Tensor, depth: number): tf.Tensor {
  return tf.cast(tf.oneHot(ids, depth), 'float32');
}

// tfjs variable names are global; a counter keeps a rebuilt model from clashing with the old.
let instances = 0;

/** Builds a model whose weights come from `valueOf` (inside one tidy, which frees the initial copies). */
function assemble(
  config: TransformerConfig,
  name: string,
  valueOf: (param: string, shape: number[]) => tf.Tensor,
): Transformer {
  const id = `${name}#${++instances}`;
  const shapes = parameterShapes(config);
  const names = shapes.map(([n]) => n);
  const { variables, mask } = tf.tidy(() => ({
    variables: shapes.map(([n, shape]) => tf.variable(valueOf(n, shape), true, `${id}/${n}`)),
    // Not a weight; built once for the full context and sliced for shorter inputs.
    mask: tf.keep(tf.tensor2d(causalMask(config.context), [config.context, config.context])),
  }));
  const v = new Map(names.map((n, i) => [n, variables[i]!]));
  const w = (n: string) => v.get(n)!;
  const { context, width, heads, vocab } = config;
  const headWidth = width / heads;
  let isFrozen = false;
  // After freeze(), made at the first pass in the fast forms (the bench switches forms).
  let frozen: FrozenWeights | undefined;
  let forDecoding: DecodeWeights | undefined;

  /** q, k, v [rows, width] of layer l: one matMul then a split, or (fast) three matMuls. */
  function projections(l: number, a: tf.Tensor2D): tf.Tensor2D[] {
    const p = `block${l}/attn/qkv`;
    if (transformerForms() === 'reference') return tf.split(linear(a, w(`${p}/w`), w(`${p}/b`)), 3, 1);
    // Splitting the [width, 3·width] weights costs far less than splitting [rows, 3·width]
    // activations, and its gradient (a concat) is on the small tensors too.
    const [wq, wk, wv, bq, bk, bv] = [...tf.split(w(`${p}/w`), 3, 1), ...tf.split(w(`${p}/b`), 3)];
    return [linear(a, wq!, bq!), linear(a, wk!, bk!), linear(a, wv!, bv!)];
  }

  // Clones there share data on wasm with our SIMD kernels (wasm-identity.ts): a gradient saves ~70.
  const forward = (tokens: tf.Tensor2D): TransformerOutput => withSharedClones(() => forwardPass(tokens));

  function forwardPass(tokens: tf.Tensor2D): TransformerOutput {
    const [batch, steps] = tokens.shape;
    if (steps > context) throw new Error(`transformer: ${steps} tokens exceed the context of ${context}`);
    const rows = batch * steps;
    const oneHot = oneHotFloat(tf.reshape(tokens, [rows]), vocab) as tf.Tensor2D;
    const positions = steps === context ? w('embed/positions') : tf.slice(w('embed/positions'), [0, 0], [steps, width]);
    const stepMask = steps === context ? mask : tf.slice(mask, [0, 0], [steps, steps]);
    if (isFrozen && transformerForms() === 'fast') {
      frozen ??= freezeWeights(w, config.layers, width, headWidth);
      const out = frozenForward(w, frozen, oneHot, positions, stepMask, { batch, steps, heads, headWidth });
      return {
        logits: tf.reshape(out.logits, [batch, steps, vocab]),
        features: tf.reshape(out.features, [batch, steps, width]),
      };
    }
    const tokenEmbedding = embed(oneHot, w('embed/tokens'));
    let h = addPositions(tokenEmbedding, positions, batch);

    for (let l = 0; l < config.layers; l++) {
      const p = `block${l}`;
      const a = layerNorm(h, w(`${p}/ln1/gamma`), w(`${p}/ln1/beta`));
      const [q, k, val] = projections(l, a);
      const merged = causalAttention(q!, k!, val!, stepMask, { batch, steps, heads, headWidth });
      h = tf.add(h, linear(merged, w(`${p}/attn/out/w`), w(`${p}/attn/out/b`)));
      const m = layerNorm(h, w(`${p}/ln2/gamma`), w(`${p}/ln2/beta`));
      h = tf.add(
        h,
        linear(gelu(linear(m, w(`${p}/mlp/in/w`), w(`${p}/mlp/in/b`))), w(`${p}/mlp/out/w`), w(`${p}/mlp/out/b`)),
      );
    }
    const features = layerNorm(h, w('final/ln/gamma'), w('final/ln/beta'));
    const logits = linear(features, w('head/w'), w('head/b'));
    return {
      logits: tf.reshape(logits, [batch, steps, vocab]),
      features: tf.reshape(features, [batch, steps, width]),
    };
  }

  return {
    config,
    variables,
    names,
    paramCount: paramCount(config),
    forward,
    freeze() {
      isFrozen = true;
      // Now, outside any gradient tape, in the forms this backend runs; else at the first fast pass.
      if (transformerForms() === 'fast') frozen ??= freezeWeights(w, config.layers, width, headWidth);
      // The host decoder's too, where it runs: made now, they are part of the model from the start.
      if ((JS_KERNEL_BACKENDS as readonly string[]).includes(tf.getBackend()))
        forDecoding ??= decodeWeights(w, config.layers);
    },
    decodeWeights() {
      if (isFrozen) forDecoding ??= decodeWeights(w, config.layers);
      return forDecoding;
    },
    dispose() {
      variables.forEach((x) => x.dispose());
      mask.dispose();
      disposeFrozen(frozen);
      forDecoding?.dispose();
    },
  };
}

/** A freshly initialised model. Same config and seed → identical weights on every backend. */
export function createTransformer(config: TransformerConfig, rng: Rng, name = 'transformer'): Transformer {
  const valid = validateConfig(config);
  return assemble(valid, name, (n, shape) => tf.tensor(initialValue(n, shape, valid, rng), shape));
}

/**
 * Mean next-token cross-entropy (nats) of logits [B, T, V] against int32 targets [B, T].
 * Written with logSoftmax and a one-hot product so its gradient exists on every backend.
 */
export function tokenCrossEntropy(logits: tf.Tensor3D, targets: tf.Tensor2D): tf.Scalar {
  const vocab = logits.shape[2];
  const picked = tf.mul(tf.logSoftmax(logits), oneHotFloat(targets, vocab));
  return tf.neg(tf.div(tf.sum(picked), targets.size));
}

// ---------------------------------------------------------------------------------------------
// Save and load, in the tfjs weights format (tf.io.encodeWeights / decodeWeights).

export const TRANSFORMER_FORMAT = 'kd-studio-transformer';
export const TRANSFORMER_FORMAT_VERSION = 1;
export const WEIGHTS_FILE = 'weights.bin';

interface WeightSpec {
  name: string;
  shape: number[];
  dtype: 'float32';
}

export interface TransformerJson {
  format: typeof TRANSFORMER_FORMAT;
  formatVersion: typeof TRANSFORMER_FORMAT_VERSION;
  config: TransformerConfig;
  /** One weight file; its name is WEIGHTS_FILE unless the model was saved under another. */
  weightsManifest: [{ paths: [string]; weights: WeightSpec[] }];
}

/** model.json and the bytes of weights.bin (float32, little-endian, in `parameterShapes` order). */
export async function saveTransformer(
  model: Transformer,
  weightsFile: string = WEIGHTS_FILE,
): Promise<{ json: TransformerJson; weights: ArrayBuffer }> {
  const named = model.variables.map((v, i) => ({ name: model.names[i]!, tensor: v }));
  const { data, specs } = await tf.io.encodeWeights(named);
  // encodeWeights returns one buffer for a single group; concat in case a version splits it.
  const weights = Array.isArray(data) ? tf.io.concatenateArrayBuffers(data) : data;
  return {
    json: {
      format: TRANSFORMER_FORMAT,
      formatVersion: TRANSFORMER_FORMAT_VERSION,
      config: { ...model.config },
      weightsManifest: [
        { paths: [weightsFile], weights: specs.map((s) => ({ name: s.name, shape: [...s.shape], dtype: 'float32' })) },
      ],
    },
    weights,
  };
}

/** Rebuilds a model from `saveTransformer`'s output. Throws a readable error on any mismatch. */
export function loadTransformer(json: unknown, weights: ArrayBuffer, name = 'transformer'): Transformer {
  if (typeof json !== 'object' || json === null) throw new Error('model.json: expected an object');
  const j = json as Partial<Record<keyof TransformerJson, unknown>>;
  if (j.format !== TRANSFORMER_FORMAT) {
    throw new Error(`model.json: format is ${JSON.stringify(j.format)}, expected "${TRANSFORMER_FORMAT}"`);
  }
  if (j.formatVersion !== TRANSFORMER_FORMAT_VERSION) {
    throw new Error(`model.json: formatVersion ${JSON.stringify(j.formatVersion)} is not supported (expected 1)`);
  }
  const config = validateConfig(j.config);
  const manifest = j.weightsManifest;
  if (!Array.isArray(manifest) || manifest.length !== 1) {
    throw new Error('model.json: weightsManifest must hold exactly one group');
  }
  const group = manifest[0] as { paths?: unknown; weights?: unknown };
  if (!Array.isArray(group.weights)) throw new Error('model.json: weightsManifest[0].weights is missing');
  const specs = group.weights as Partial<WeightSpec>[];
  const expected = parameterShapes(config);
  if (specs.length !== expected.length) {
    throw new Error(`model.json: ${specs.length} weights listed, the config needs ${expected.length}`);
  }
  expected.forEach(([n, shape], i) => {
    const s = specs[i]!;
    if (s.name !== n) throw new Error(`model.json: weight ${i} is ${JSON.stringify(s.name)}, expected "${n}"`);
    if (s.dtype !== 'float32')
      throw new Error(`model.json: ${n} has dtype ${JSON.stringify(s.dtype)}, expected float32`);
    if (!Array.isArray(s.shape) || s.shape.join(',') !== shape.join(',')) {
      throw new Error(`model.json: ${n} has shape ${JSON.stringify(s.shape)}, the config needs [${shape.join(', ')}]`);
    }
  });
  const bytes = paramCount(config) * 4;
  if (weights.byteLength !== bytes) {
    throw new Error(
      `weights.bin: ${weights.byteLength} bytes, the config needs ${bytes} (${bytes / 4} float32 weights)`,
    );
  }
  const decoded = tf.io.decodeWeights(weights, specs as WeightSpec[]);
  try {
    // tf.variable copies its initial value, so the decoded tensors are freed below either way.
    return assemble(config, name, (n) => decoded[n]!);
  } finally {
    Object.values(decoded).forEach((t) => t.dispose());
  }
}
