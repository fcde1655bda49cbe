/**
 * One dense layer, activation(h·w + b), as one custom-gradient op: the lean step forms'
 * (step-forms.ts) training forward of an MLP. Forward: the bias (and a ReLU) inside the
 * matMul (tf.fused.matMul: one kernel on every backend), the tape recording one node instead
 * of three with their saved copies. Backward written out: dz from the output (tfjs's own
 * gradient formulas, so on cpu the numbers are bit for bit the taped layer's), then
 * dW = hᵀ·dz, db = Σ dz over rows, and dh = dz·wᵀ only when h needs one (a hidden layer; an
 * MLP's first layer reads data).
 *
 * On wasm (tfjs-backend-wasm 4.22) the same maths takes the kernels that are fast there,
 * measured on the toy student at batch 512: matMuls with transposed operands run a scalar loop
 * (dz·wᵀ 385 µs against 56 µs for an explicit transpose, then XNNPACK's plain matMul); a row
 * sum is slower than ones·dz (32 against 13 µs); and tanh runs libm's scalar tanh (464 µs for
 * [512, 10]) where XNNPACK's sigmoid takes 28 µs, so tanh z is computed as 2σ(2z) − 1, the
 * same function, equal to float32 rounding.
 */
import * as tf from '@tensorflow/tfjs';
import type { Activation } from '../../config/schema';

/** Activations this op computes itself (GELU's gradient needs z: it stays taped). */
export const DENSE_OP_ACTIVATIONS: readonly Activation[] = ['relu', 'tanh', 'sigmoid', 'elu'];

type Fn = Activation | 'linear';
type Save = (tensors: tf.Tensor[]) => void;

const onWasm = () => tf.getBackend() === 'wasm';

/**
 * activation(h·w + b), the bias (and a ReLU) fused into the matMul: tfjs's _FusedMatMul kernel
 * itself, as tf.fused.matMul would not fuse a ReLU under a gradient tape (this op is untaped
 * inside, its gradient its own).
 */
function forward(h: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D, fn: Fn): tf.Tensor {
  const [rows, out] = [h.shape[0], w.shape[1]];
  const attrs = { transposeA: false, transposeB: false, activation: fn === 'relu' ? 'relu' : 'linear' };
  const inputs = { a: tf.reshape(h, [1, ...h.shape]), b: tf.reshape(w, [1, ...w.shape]), bias: b };
  const z = tf.reshape(tf.engine().runKernel('_FusedMatMul', inputs, attrs) as tf.Tensor, [rows, out]);
  switch (fn) {
    case 'relu':
    case 'linear':
      return z;
    case 'tanh':
      return onWasm() ? tf.sub(tf.mul(tf.sigmoid(tf.mul(z, 2)), 2), 1) : tf.tanh(z);
    case 'sigmoid':
      return tf.sigmoid(z);
    case 'elu':
      return tf.elu(z);
    case 'gelu':
      throw new Error('dense op: GELU is not computed here');
  }
}

/** dL/dz from dL/da and the output a, as tfjs's gradients of these activations compute it. */
function activationGrad(dy: tf.Tensor, a: tf.Tensor, fn: Fn): tf.Tensor {
  switch (fn) {
    case 'linear':
      return dy;
    case 'relu':
      return tf.mul(dy, tf.step(a));
    case 'tanh':
      return tf.mul(tf.sub(1, tf.square(a)), dy);
    case 'sigmoid':
      return tf.mul(dy, tf.mul(a, tf.sub(1, a)));
    case 'elu':
      return tf.engine().runKernel('EluGrad', { dy, y: a });
    case 'gelu':
      throw new Error('dense op: GELU is not computed here');
  }
}

/**
 * hᵀ·dz, db and dz·wᵀ in the forms the backend runs fast. The column sum db as ones·dz on wasm
 * and WebGPU (whose row sum is a transpose and a reduction: two dispatches); on cpu as tfjs's
 * own sum, so the cpu numbers stay bit for bit the taped layer's.
 */
function weightGrads(h: tf.Tensor2D, w: tf.Tensor2D, dz: tf.Tensor2D, withInput: boolean): tf.Tensor[] {
  const wasm = onWasm();
  const dw = wasm ? tf.matMul(tf.transpose(h), dz) : tf.matMul(h, dz, true, false);
  const onesSum = wasm || tf.getBackend() === 'webgpu';
  const db = onesSum ? tf.reshape(tf.matMul(tf.ones([1, dz.shape[0]]), dz), [dz.shape[1]]) : tf.sum(dz, 0);
  if (!withInput) return [dw, db];
  const dh = wasm ? tf.matMul(dz, tf.transpose(w)) : tf.matMul(dz, w, false, true);
  return [dh, dw, db];
}

/**
 * activation(h·w + b) with a written-out gradient. `inputGrad` false: h is data (the op takes
 * no gradient for it, and none is computed).
 */
export function denseLayer(h: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D, fn: Fn, inputGrad: boolean): tf.Tensor2D {
  if (inputGrad) {
    const op = tf.customGrad((...args: (tf.Tensor | Save)[]) => {
      const [x, wt, bt, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, Save];
      const a = forward(x, wt, bt, fn);
      save([x, wt, a]);
      return {
        value: a,
        gradFunc: (dy: tf.Tensor, [xs, ws, as]: tf.Tensor[]) =>
          weightGrads(xs as tf.Tensor2D, ws as tf.Tensor2D, activationGrad(dy, as!, fn) as tf.Tensor2D, true),
      };
    });
    return op(h, w, b) as tf.Tensor2D;
  }
  const op = tf.customGrad((...args: (tf.Tensor | Save)[]) => {
    const [wt, bt, save] = args as [tf.Tensor2D, tf.Tensor1D, Save];
    const a = forward(h, wt, bt, fn);
    save([h, wt, a]);
    return {
      value: a,
      gradFunc: (dy: tf.Tensor, [xs, ws, as]: tf.Tensor[]) =>
        weightGrads(xs as tf.Tensor2D, ws as tf.Tensor2D, activationGrad(dy, as!, fn) as tf.Tensor2D, false),
    };
  });
  return op(w, b) as tf.Tensor2D;
}
