/**
 * The flat Adam step (flat-adam.ts) as one kernel on the cpu and wasm backends, whose tensors
 * the JavaScript side can read and write in place (the cpu backend's typed arrays, the WASM
 * heap). The op-by-op form issues 21 kernels a step whatever the model's size, and on a small
 * student each costs more in tfjs's bookkeeping than in arithmetic: 21 kernels of 63 elements
 * took about 0.5 ms a step on wasm here, most of the toy step's optimiser time.
 *
 * The arithmetic is tfjs's AdamOptimizer's, op for op with the same float32 constants. Every op
 * is a float32 +, −, ×, ÷ or √, which tfjs's kernels (JavaScript on cpu, XNNPACK on wasm) round
 * correctly; computing each in double and rounding with Math.fround gives the same float32,
 * so the weights and slots are bit for bit the op-by-op form's (unit-tested on both backends).
 * GPU backends keep the op-by-op form (no kernel is registered for them).
 */
import type * as tf from '@tensorflow/tfjs';
import { hasKernel, registerJsKernel, type KernelIo } from './js-kernels';

export const FLAT_ADAM = 'KdFlatAdam';

export interface FlatAdamAttrs {
  count: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  learningRate: number;
}

/**
 * Inputs g0…, w0… (gradients and values of `count` variables, in slot order), m, v (the flat
 * moments), accBeta1, accBeta2; outputs the new values, m, v, accBeta1, accBeta2.
 */
function flatAdam(inputs: tf.NamedTensorInfoMap, a: FlatAdamAttrs, io: KernelIo): tf.TensorInfo[] {
  const f = Math.fround;
  const ws = Array.from({ length: a.count }, (_, i) => inputs[`w${i}`]!);
  const { m, v, accBeta1, accBeta2 } = inputs as Record<string, tf.TensorInfo>;
  const outs = io.alloc([...ws.map((w) => w.shape), m!.shape, v!.shape, [], []]);
  // The constants as tfjs makes them: JavaScript numbers turned into float32 scalars.
  const [c1, c1m, c2, c2m] = [f(a.beta1), f(1 - a.beta1), f(a.beta2), f(1 - a.beta2)];
  const [eps, negLr] = [f(a.epsilon), f(-a.learningRate)];
  const [b1, b2] = [io.f32(accBeta1!)[0]!, io.f32(accBeta2!)[0]!];
  const [om1, om2] = [f(1 - b1), f(1 - b2)];
  const [M, V, M1, V1] = [io.f32(m!), io.f32(v!), io.f32(outs[a.count]!), io.f32(outs[a.count + 1]!)];
  let j = 0;
  ws.forEach((w, i) => {
    const [G, W, W1] = [io.f32(inputs[`g${i}`]!), io.f32(w), io.f32(outs[i]!)];
    for (let k = 0; k < W.length; k++, j++) {
      const g = G[k]!;
      const mNew = f(f(M[j]! * c1) + f(g * c1m));
      const vNew = f(f(V[j]! * c2) + f(f(g * g) * c2m));
      const mHat = f(mNew / om1);
      const vHat = f(vNew / om2);
      W1[k] = f(f(f(mHat / f(f(Math.sqrt(vHat)) + eps)) * negLr) + W[k]!);
      M1[j] = mNew;
      V1[j] = vNew;
    }
  });
  io.f32(outs[a.count + 2]!)[0] = f(b1 * c1);
  io.f32(outs[a.count + 3]!)[0] = f(b2 * c2);
  return outs;
}

/** Registers the kernel on cpu and wasm (idempotent). */
export function ensureFlatAdamKernels(): void {
  registerJsKernel(FLAT_ADAM, (inputs, attrs, io) => flatAdam(inputs, attrs as unknown as FlatAdamAttrs, io));
}

/** Whether the active backend runs the step as one kernel. */
export const hasFlatAdamKernel = (): boolean => hasKernel(FLAT_ADAM);
