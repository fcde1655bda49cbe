/**
 * The transformer's building blocks in two formulations that compute the same function:
 *
 * - `reference`: plain tfjs ops, differentiated by tfjs (the original model; every GPU backend
 *   and cpu run it, since shaders fuse or transpose for free there);
 * - `fast`: the same maths shaped for tfjs-backend-wasm 4.22, whose 2-D matMul goes through
 *   XNNPACK (about 35 GFLOP/s here) while reductions over rows, transposed or batched matMuls
 *   and `tanh` take slow scalar loops. Hand-written gradients replace row sums by ones·dy
 *   products and transposed matMuls by an explicit transpose, then a plain matMul.
 *
 * `transformerForms()` picks per backend; `setTransformerForms` forces one, for the bench (old
 * against new in one run) and the tests (the two forms agree on cpu and wasm).
 */
import * as tf from '@tensorflow/tfjs';
import { simdGelu, simdGeluAvailable, simdGeluForward } from '../simd/gelu-op';
import { simdLayerNorm, simdLayerNormAvailable } from '../simd/layernorm-op';
import { transpose2d } from '../simd/transpose-op';

export type TransformerForms = 'fast' | 'reference';

let forced: TransformerForms | null = null;

/** Forces a formulation (bench and tests only); null returns to the backend's own. */
export function setTransformerForms(forms: TransformerForms | null): void {
  forced = forms;
}

/** The formulation the next forward pass uses: fast on wasm, reference elsewhere. */
export function transformerForms(): TransformerForms {
  return forced ?? (tf.getBackend() === 'wasm' ? 'fast' : 'reference');
}

export const LN_EPSILON = 1e-5;
const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
const GELU_CUBIC = 0.044715;

/** ones [1, rows] · dy [rows, n] → [n]: a column sum through XNNPACK (a row `sum` is 5× slower). */
function columnSum(dy: tf.Tensor2D): tf.Tensor1D {
  const [rows, n] = dy.shape;
  return tf.reshape(tf.matMul(tf.ones([1, rows]), dy), [n]);
}

/** xt [n, rows] · ones [rows, 1] → [n]: the row sums of a transposed operand (ones is a tiny right operand). */
function rowSum(xt: tf.Tensor2D): tf.Tensor1D {
  const [n, rows] = xt.shape;
  return tf.reshape(tf.matMul(xt, tf.ones([rows, 1])), [n]);
}

/**
 * The column sums of [rows, n] through a transpose. XNNPACK packs a matMul's right operand the
 * first time it meets its data, at about 12 ns per float here (0.6 ms for [1024, 48]), so
 * ones·x with a fresh x costs more than transposing x and multiplying by a ones column.
 */
const columnSumOfFresh = (x: tf.Tensor2D): tf.Tensor1D => rowSum(transpose2d(x));

/**
 * A linear layer's weight and bias gradients, dW = xᵀ·dy and db = Σ dy over rows, for x
 * [rows, in] and dy [rows, out], with the narrower of x and dy as the right operand (the one
 * XNNPACK packs: see columnSumOfFresh). When dy is narrower: xᵀ·dy, and db = ones·dy finds dy
 * already packed. Otherwise dWᵀ = dyᵀ·x: q, k and v read the same x, so it is packed once for
 * the three.
 */
function weightGrads(x: tf.Tensor2D, dy: tf.Tensor2D): [tf.Tensor2D, tf.Tensor1D] {
  if (dy.shape[1] < x.shape[1]) return [tf.matMul(transpose2d(x), dy), columnSum(dy)];
  const dyT = transpose2d(dy);
  return [transpose2d(tf.matMul(dyT, x)), rowSum(dyT)];
}

/**
 * x·w whose gradient multiplies by explicitly transposed operands. tfjs-backend-wasm 4.22 runs
 * matMul with transposeA/transposeB (what tfjs's own matMul gradient uses) on a slow path:
 * measured in Node at [2048,512]·[512,128]ᵀ 85 ms and [2048,128]ᵀ·[2048,512] 165 ms, against
 * 9 ms for tf.transpose then a plain matMul.
 */
export const matMulTransposedGrad = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [x, w, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
  save([x, w]);
  return {
    value: tf.matMul(x, w),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [
      tf.matMul(dy as tf.Tensor2D, tf.transpose(saved[1]!) as tf.Tensor2D),
      tf.matMul(tf.transpose(saved[0]!) as tf.Tensor2D, dy as tf.Tensor2D),
    ],
  };
}) as (x: tf.Tensor, w: tf.Tensor) => tf.Tensor2D;

/** x·w + b as one fused XNNPACK kernel, its weight and bias gradients from weightGrads. */
const linearFast = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [x, w, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
  save([x, w]);
  return {
    value: tf.fused.matMul({ a: x, b: w, bias: b }),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [
      tf.matMul(dy as tf.Tensor2D, transpose2d(saved[1] as tf.Tensor2D)),
      ...weightGrads(saved[0] as tf.Tensor2D, dy as tf.Tensor2D),
    ],
  };
}) as (x: tf.Tensor, w: tf.Tensor, b: tf.Tensor) => tf.Tensor2D;

/** x·w, with wasm's explicitly transposed gradient whenever the backend is wasm. */
export function matMul2d(x: tf.Tensor2D, w: tf.Tensor): tf.Tensor2D {
  return tf.getBackend() === 'wasm' ? matMulTransposedGrad(x, w) : tf.matMul(x, w as tf.Tensor2D);
}

/** oneHot·E whose gradient is E's alone: the one-hot rows are data (matMul2d would also return dy·Eᵀ). */
function embedFast(oneHot: tf.Tensor2D, table: tf.Tensor): tf.Tensor2D {
  const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [e, save] = args as [tf.Tensor2D, tf.GradSaveFunc];
    // Saved, not closed over: the tape frees what the forward pass made once it has run.
    save([oneHot]);
    return {
      value: tf.matMul(oneHot, e),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [
        tf.matMul(transpose2d(saved[0] as tf.Tensor2D), dy as tf.Tensor2D),
      ],
    };
  }) as (e: tf.Tensor) => tf.Tensor2D;
  return f(table);
}

/** Token embeddings: one-hot rows [rows, vocab] · the embedding table [vocab, width]. */
export function embed(oneHot: tf.Tensor2D, table: tf.Tensor): tf.Tensor2D {
  return transformerForms() === 'fast' ? embedFast(oneHot, table) : matMul2d(oneHot, table);
}

/** x [rows, in] · w [in, out] + b [out]. */
export function linear(x: tf.Tensor2D, w: tf.Tensor, b: tf.Tensor): tf.Tensor2D {
  return transformerForms() === 'fast' ? linearFast(x, w, b) : tf.add(matMul2d(x, w), b);
}

/**
 * LayerNorm with its gradient written out: dx = r·(dn − mean(dn) − n·mean(dn·n)), with
 * n the normalised rows, r = 1/σ and dn = dy·γ; γ's and β's gradients are ones·dy products.
 */
const layerNormFast = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [x, gamma, beta, save] = args as [tf.Tensor2D, tf.Tensor1D, tf.Tensor1D, tf.GradSaveFunc];
  const centred = tf.sub(x, tf.mean(x, -1, true));
  const inv = tf.rsqrt(tf.add(tf.mean(tf.square(centred), -1, true), LN_EPSILON));
  const normed = tf.mul(centred, inv);
  save([normed, inv, gamma]);
  return {
    value: tf.add(tf.mul(normed, gamma), beta),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [n, r, g] = saved as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D];
      const dn = tf.mul(dy, g);
      const dx = tf.mul(r, tf.sub(tf.sub(dn, tf.mean(dn, -1, true)), tf.mul(n, tf.mean(tf.mul(dn, n), -1, true))));
      return [dx, columnSumOfFresh(tf.mul(dy, n) as tf.Tensor2D), columnSumOfFresh(dy as tf.Tensor2D)];
    },
  };
}) as (x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor) => tf.Tensor2D;

function layerNormReference(x: tf.Tensor2D, gamma: tf.Tensor, beta: tf.Tensor): tf.Tensor2D {
  const mean = tf.mean(x, -1, true);
  const centred = tf.sub(x, mean);
  const variance = tf.mean(tf.square(centred), -1, true);
  return tf.add(tf.mul(tf.mul(centred, tf.rsqrt(tf.add(variance, LN_EPSILON))), gamma), beta);
}

/** LayerNorm over the last axis of [rows, width], then ·γ + β. */
export function layerNorm(x: tf.Tensor2D, gamma: tf.Tensor, beta: tf.Tensor): tf.Tensor2D {
  if (transformerForms() !== 'fast') return layerNormReference(x, gamma, beta);
  // One SIMD kernel each way where wasm has them (src/engine/simd/).
  return simdLayerNormAvailable(x) ? simdLayerNorm(x, gamma, beta, LN_EPSILON) : layerNormFast(x, gamma, beta);
}

/** GELU, tanh approximation. x·x·x rather than tf.pow: pow's gradient also takes log(x). */
function geluReference(x: tf.Tensor2D): tf.Tensor2D {
  const cube = tf.mul(tf.mul(x, x), x);
  const inner = tf.mul(tf.add(x, tf.mul(cube, GELU_CUBIC)), SQRT_2_OVER_PI);
  return tf.mul(tf.mul(x, 0.5), tf.add(1, tf.tanh(inner)));
}

/**
 * The same GELU as x·sigmoid(2u), u the tanh form's inner term (½(1 + tanh u) = sigmoid(2u)):
 * wasm's sigmoid is an XNNPACK kernel, its tanh a scalar loop at 11–14 ns per element.
 * Returns x² and the sigmoid too, for the gradient.
 */
function geluParts(x: tf.Tensor2D): { value: tf.Tensor2D; square: tf.Tensor2D; s: tf.Tensor2D } {
  const square = tf.square(x) as tf.Tensor2D;
  const s = tf.sigmoid(
    tf.mul(x, tf.add(tf.mul(square, 2 * SQRT_2_OVER_PI * GELU_CUBIC), 2 * SQRT_2_OVER_PI)),
  ) as tf.Tensor2D;
  return { value: tf.mul(x, s) as tf.Tensor2D, square, s };
}

/** The fast GELU without a gradient (a frozen model's forward pass). */
export const geluForward = (x: tf.Tensor2D): tf.Tensor2D =>
  simdGeluAvailable(x) ? simdGeluForward(x) : geluParts(x).value;

/** The fast GELU; its gradient, s + x·s·(1 − s)·z′ with z = 2u, is written out to save kernels. */
const geluFast = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [x, save] = args as [tf.Tensor2D, tf.GradSaveFunc];
  const { value, square, s } = geluParts(x);
  save([x, square, s]);
  return {
    value,
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [xs, sq, sg] = saved as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
      const dz = tf.add(tf.mul(sq, 6 * SQRT_2_OVER_PI * GELU_CUBIC), 2 * SQRT_2_OVER_PI);
      const ds = tf.mul(tf.mul(xs, tf.sub(sg, tf.square(sg))), dz);
      return [tf.mul(dy, tf.add(sg, ds))];
    },
  };
}) as (x: tf.Tensor) => tf.Tensor2D;

export function gelu(x: tf.Tensor2D): tf.Tensor2D {
  if (transformerForms() !== 'fast') return geluReference(x);
  return simdGeluAvailable(x) ? simdGelu(x) : geluFast(x);
}

/** [rows, W] token embeddings + [T, W] positions, with the positions' gradient a ones·dy product. */
const addPositionsFast = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [x, positions] = args as [tf.Tensor2D, tf.Tensor2D];
  const [steps, width] = positions.shape;
  const batch = x.shape[0] / steps;
  return {
    value: tf.reshape(tf.add(tf.reshape(x, [batch, steps, width]), positions), [batch * steps, width]),
    // The column sum reads a copy of dy: tfjs-backend-wasm 4.22 caches a matMul's packed right
    // operand by its data id, and a reshape keeps the id, so dy as [batch, T·W] here and as
    // [rows, W] in the embedding's gradient would hit a cache entry of the wrong shape (abort).
    gradFunc: (dy: tf.Tensor) => [
      tf.reshape(dy, dy.shape),
      tf.reshape(columnSum(tf.reshape(tf.add(dy, 0), [batch, steps * width])), [steps, width]),
    ],
  };
}) as (x: tf.Tensor, positions: tf.Tensor) => tf.Tensor2D;

/** Token embeddings [batch·T, W] plus positions [T, W] (the same for every window), as [batch·T, W]. */
export function addPositions(x: tf.Tensor2D, positions: tf.Tensor, batch: number): tf.Tensor2D {
  if (transformerForms() === 'fast') return addPositionsFast(x, positions);
  const [steps, width] = positions.shape as [number, number];
  return tf.reshape(tf.add(tf.reshape(x, [batch, steps, width]), positions), [batch * steps, width]);
}
