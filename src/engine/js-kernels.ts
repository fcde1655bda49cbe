/**
 * Kernels written in JavaScript for the two backends whose tensors JavaScript can read and
 * write in place: cpu (typed arrays) and wasm (views of the WASM heap). On a small model most
 * of a step's time on these backends is tfjs's bookkeeping per kernel and, on wasm, its scalar
 * exp/log/tanh loops; a loop that does a whole piece of the step at once avoids both. GPU
 * backends get no such kernel and keep their op-by-op forms.
 */
import * as tf from '@tensorflow/tfjs';

/** What a backend lends a kernel: views of its tensors' data, and new outputs. */
export interface KernelIo {
  /** Allocates all outputs first: on wasm a later allocation can grow (and so move) the heap. */
  alloc(shapes: number[][]): tf.TensorInfo[];
  view(t: tf.TensorInfo): Float32Array | Int32Array;
  /** A float32 view (inputs and outputs of float32 tensors). */
  f32(t: tf.TensorInfo): Float32Array;
}

interface CpuBackend {
  data: { get(dataId: unknown): { values: unknown } };
  makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): tf.TensorInfo;
}

interface WasmBackend {
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array | Int32Array;
  makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
}

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

function cpuIo(b: CpuBackend): KernelIo {
  const view = (t: tf.TensorInfo) => b.data.get(t.dataId).values as Float32Array | Int32Array;
  return {
    alloc: (shapes) => shapes.map((s) => b.makeTensorInfo(s, 'float32', new Float32Array(size(s)))),
    view,
    f32: (t) => view(t) as Float32Array,
  };
}

function wasmIo(b: WasmBackend): KernelIo {
  const view = (t: tf.TensorInfo) => b.typedArrayFromHeap(t);
  return {
    alloc: (shapes) => shapes.map((s) => b.makeOutput(s, 'float32')),
    view,
    f32: (t) => view(t) as Float32Array,
  };
}

export type JsKernel = (inputs: tf.NamedTensorInfoMap, attrs: tf.NamedAttrMap, io: KernelIo) => tf.TensorInfo[];

export const JS_KERNEL_BACKENDS = ['cpu', 'wasm'] as const;

/** Registers `kernel` as `name` on cpu and wasm (idempotent; the backends need not be loaded yet). */
export function registerJsKernel(name: string, kernel: JsKernel): void {
  for (const backendName of JS_KERNEL_BACKENDS) {
    if (tf.getKernel(name, backendName)) continue;
    const io = (backend: unknown) =>
      backendName === 'cpu' ? cpuIo(backend as CpuBackend) : wasmIo(backend as WasmBackend);
    tf.registerKernel({
      kernelName: name,
      backendName,
      kernelFunc: ({ inputs, attrs, backend }) => {
        const out = kernel(inputs, attrs ?? {}, io(backend));
        return out.length === 1 ? out[0]! : out;
      },
    });
  }
}

/** Whether the active backend has the kernel `name`. */
export const hasKernel = (name: string): boolean => tf.getKernel(name, tf.getBackend()) !== undefined;
