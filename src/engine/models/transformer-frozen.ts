/**
 * A frozen transformer (a teacher) in the fast forms: weights transformed once at `freeze()`,
 * a forward pass with no gradient machinery. A teacher is never differentiated (its wrapper
 * lists no variables, and its pass runs before the students' gradient tape), so nothing here
 * needs to be: no customGrad, nothing saved for a backward pass.
 *
 * What is folded, exactly in real arithmetic (float32 rounds differently, within noise):
 * - each block's LayerNorm γ and β into the linear layers that read it:
 *   (n·γ + β)·W + b = n·(γ ⊙ W) + (β·W + b), two full passes fewer per LayerNorm;
 * - attention's 1/√d into the query weights and bias, one pass fewer per layer;
 * - q, k and v as three weight slices, split once.
 * The final LayerNorm keeps its γ and β: its output is the model's features. The embedding
 * stays one-hot·E: a gather would need no gradient here, but tfjs-wasm's GatherV2 took 6.6 ms
 * for 1024 rows of [49, 96] in Node, against 1.0 ms for the one-hot product.
 */
import * as tf from '@tensorflow/tfjs';
import { causalAttentionForward } from './transformer-attention-fast';
import type { AttentionShape } from './transformer-attention';
import { LN_EPSILON, geluForward } from './transformer-ops';
import { simdLayerNormAvailable, simdLayerNormForward, simdNormalise } from '../simd/layernorm-op';

export interface FrozenLinear {
  w: tf.Tensor2D;
  b: tf.Tensor1D;
}

export interface FrozenLayer {
  q: FrozenLinear;
  k: FrozenLinear;
  v: FrozenLinear;
  out: FrozenLinear;
  mlpIn: FrozenLinear;
  mlpOut: FrozenLinear;
}

export interface FrozenWeights {
  layers: FrozenLayer[];
  /** [width, 1] of 1/width: a row mean as a matMul (XNNPACK; wasm's Mean is a slower loop). */
  meanColumn: tf.Tensor2D;
}

/** γ and β folded into the linear layer x·w + b that reads LayerNorm's output, and a scale. */
export function fold(gamma: tf.Tensor, beta: tf.Tensor, w: tf.Tensor, b: tf.Tensor, scale = 1): FrozenLinear {
  const [inputs, outputs] = w.shape as [number, number];
  const bias = tf.add(tf.reshape(tf.matMul(tf.reshape(beta, [1, inputs]), w as tf.Tensor2D), [outputs]), b);
  return {
    w: tf.mul(tf.mul(w, tf.reshape(gamma, [inputs, 1])), scale) as tf.Tensor2D,
    b: tf.mul(bias, scale) as tf.Tensor1D,
  };
}

/** The frozen weights of a model whose weights are `w(name)`; every tensor kept (dispose them). */
export function freezeWeights(
  w: (name: string) => tf.Tensor,
  layers: number,
  width: number,
  headWidth: number,
): FrozenWeights {
  let frozen!: FrozenWeights;
  tf.tidy(() => {
    frozen = {
      meanColumn: tf.fill([width, 1], 1 / width) as tf.Tensor2D,
      layers: Array.from({ length: layers }, (_, l) => {
        const p = `block${l}`;
        const [g1, b1, g2, b2] = ['ln1/gamma', 'ln1/beta', 'ln2/gamma', 'ln2/beta'].map((n) => w(`${p}/${n}`));
        const [wq, wk, wv] = tf.split(w(`${p}/attn/qkv/w`), 3, 1);
        const [bq, bk, bv] = tf.split(w(`${p}/attn/qkv/b`), 3);
        const plain = (n: string): FrozenLinear => ({
          w: tf.clone(w(`${p}/${n}/w`)) as tf.Tensor2D,
          b: tf.clone(w(`${p}/${n}/b`)) as tf.Tensor1D,
        });
        return {
          q: fold(g1!, b1!, wq!, bq!, 1 / Math.sqrt(headWidth)),
          k: fold(g1!, b1!, wk!, bk!),
          v: fold(g1!, b1!, wv!, bv!),
          out: plain('attn/out'),
          mlpIn: fold(g2!, b2!, w(`${p}/mlp/in/w`), w(`${p}/mlp/in/b`)),
          mlpOut: plain('mlp/out'),
        };
      }),
    };
    const linears = frozen.layers.flatMap((layer) => Object.values(layer) as FrozenLinear[]);
    for (const t of [frozen.meanColumn, ...linears.flatMap((f) => [f.w, f.b])]) tf.keep(t);
  });
  return frozen;
}

export function disposeFrozen(frozen: FrozenWeights | undefined): void {
  if (!frozen) return;
  const linears = frozen.layers.flatMap((l) => Object.values(l) as FrozenLinear[]);
  tf.dispose([frozen.meanColumn, ...linears.flatMap((f) => [f.w, f.b])]);
}

/** x·w + b as one fused kernel. */
const apply = (x: tf.Tensor2D, f: FrozenLinear) => tf.fused.matMul({ a: x, b: f.w, bias: f.b }) as tf.Tensor2D;

/** LayerNorm without γ and β (folded into what reads it): (x − mean)/σ per row. */
function normalise(x: tf.Tensor2D, meanColumn: tf.Tensor2D): tf.Tensor2D {
  if (simdLayerNormAvailable(x)) return simdNormalise(x, LN_EPSILON);
  const centred = tf.sub(x, tf.matMul(x, meanColumn)) as tf.Tensor2D;
  return tf.mul(centred, tf.rsqrt(tf.add(tf.matMul(tf.square(centred), meanColumn), LN_EPSILON)));
}

/**
 * A frozen model's forward pass: the tokens one-hot [rows, vocab] (window-major), its weights
 * `w(name)` and frozen weights, positions [steps, width] and the causal mask [steps, steps].
 */
export function frozenForward(
  w: (name: string) => tf.Tensor,
  frozen: FrozenWeights,
  oneHot: tf.Tensor2D,
  positions: tf.Tensor,
  mask: tf.Tensor,
  shape: AttentionShape,
): { logits: tf.Tensor2D; features: tf.Tensor2D } {
  const { batch, steps } = shape;
  const width = positions.shape[1]!;
  const embedded = tf.reshape(tf.matMul(oneHot, w('embed/tokens') as tf.Tensor2D), [batch, steps, width]);
  const last = blocks(
    tf.reshape(tf.add(embedded, positions), [batch * steps, width]) as tf.Tensor2D,
    frozen,
    mask,
    shape,
  );
  // One SIMD pass where it runs: tfjs-wasm's broadcast add of β alone took 0.5 ms on [1024, 96].
  const features = simdLayerNormAvailable(last)
    ? simdLayerNormForward(last, w('final/ln/gamma'), w('final/ln/beta'), LN_EPSILON)
    : (tf.add(tf.mul(normalise(last, frozen.meanColumn), w('final/ln/gamma')), w('final/ln/beta')) as tf.Tensor2D);
  const logits = tf.fused.matMul({ a: features, b: w('head/w') as tf.Tensor2D, bias: w('head/b') }) as tf.Tensor2D;
  return { features, logits };
}

/** The transformer blocks: h [rows, width] in, the residual stream after the last block out. */
function blocks(h: tf.Tensor2D, frozen: FrozenWeights, mask: tf.Tensor, shape: AttentionShape): tf.Tensor2D {
  let x = h;
  for (const layer of frozen.layers) {
    const a = normalise(x, frozen.meanColumn);
    const attended = causalAttentionForward(apply(a, layer.q), apply(a, layer.k), apply(a, layer.v), mask, shape);
    x = tf.add(x, apply(attended, layer.out)) as tf.Tensor2D;
    const m = normalise(x, frozen.meanColumn);
    x = tf.add(x, apply(geluForward(apply(m, layer.mlpIn)), layer.mlpOut)) as tf.Tensor2D;
  }
  return x;
}
