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
import * as tf from '@tensorflow/tfjs';

export const FLAT_ADAM = 'KdFlatAdam';

/** What a backend lends this kernel: views of its tensors' float32 data, and new outputs. */
interface Io {
  /** Allocates all outputs first: on wasm a later allocation can grow (and so move) the heap. */
  alloc(shapes: number[][]): tf.TensorInfo[];
  view(t: tf.TensorInfo): Float32Array;
}

interface CpuBackend {
  data: { get(dataId: unknown): { values: unknown } };
  makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): tf.TensorInfo;
}

interface WasmBackend {
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array;
  makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
}

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

const cpuIo = (b: CpuBackend): Io => ({
  alloc: (shapes) => shapes.map((s) => b.makeTensorInfo(s, 'float32', new Float32Array(size(s)))),
  view: (t) => b.data.get(t.dataId).values as Float32Array,
});

const wasmIo = (b: WasmBackend): Io => ({
  alloc: (shapes) => shapes.map((s) => b.makeOutput(s, 'float32')),
  view: (t) => b.typedArrayFromHeap(t),
});

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
function flatAdam(inputs: tf.NamedTensorInfoMap, a: FlatAdamAttrs, io: Io): tf.TensorInfo[] {
  const f = Math.fround;
  const ws = Array.from({ length: a.count }, (_, i) => inputs[`w${i}`]!);
  const { m, v, accBeta1, accBeta2 } = inputs as Record<string, tf.TensorInfo>;
  const outs = io.alloc([...ws.map((w) => w.shape), m!.shape, v!.shape, [], []]);
  // The constants as tfjs makes them: JavaScript numbers turned into float32 scalars.
  const [c1, c1m, c2, c2m] = [f(a.beta1), f(1 - a.beta1), f(a.beta2), f(1 - a.beta2)];
  const [eps, negLr] = [f(a.epsilon), f(-a.learningRate)];
  const [b1, b2] = [io.view(accBeta1!)[0]!, io.view(accBeta2!)[0]!];
  const [om1, om2] = [f(1 - b1), f(1 - b2)];
  const [M, V, M1, V1] = [io.view(m!), io.view(v!), io.view(outs[a.count]!), io.view(outs[a.count + 1]!)];
  let j = 0;
  ws.forEach((w, i) => {
    const [G, W, W1] = [io.view(inputs[`g${i}`]!), io.view(w), io.view(outs[i]!)];
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
  io.view(outs[a.count + 2]!)[0] = f(b1 * c1);
  io.view(outs[a.count + 3]!)[0] = f(b2 * c2);
  return outs;
}

/** Registers the kernel on cpu and wasm (idempotent; the backends need not be loaded yet). */
export function ensureFlatAdamKernels(): void {
  if (!tf.getKernel(FLAT_ADAM, 'cpu'))
    tf.registerKernel({
      kernelName: FLAT_ADAM,
      backendName: 'cpu',
      kernelFunc: ({ inputs, attrs, backend }) =>
        flatAdam(inputs, attrs as unknown as FlatAdamAttrs, cpuIo(backend as unknown as CpuBackend)),
    });
  if (!tf.getKernel(FLAT_ADAM, 'wasm'))
    tf.registerKernel({
      kernelName: FLAT_ADAM,
      backendName: 'wasm',
      kernelFunc: ({ inputs, attrs, backend }) =>
        flatAdam(inputs, attrs as unknown as FlatAdamAttrs, wasmIo(backend as unknown as WasmBackend)),
    });
}

/** Whether the active backend runs the step as one kernel. */
export const hasFlatAdamKernel = (): boolean => tf.getKernel(FLAT_ADAM, tf.getBackend()) !== undefined;
