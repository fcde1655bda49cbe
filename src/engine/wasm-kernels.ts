/**
 * The Conv2DBackpropFilter kernel that tfjs's WASM backend (4.22.0) lacks, so that a teacher
 * built the usual Keras way runs there.
 *
 * Why a frozen teacher needs it at all: the saliency maps take input gradients through the
 * teacher, and a Conv2D with a linear activation (the usual Conv → BatchNormalization) goes
 * through tfjs's fused conv2d, whose custom gradient computes the filter gradient together with
 * the input gradient, asked for or not. Without this kernel, "Kernel 'Conv2DBackpropFilter' not
 * registered for backend 'wasm'" ended the run. The sums are the cpu backend's fast ones
 * (cpu-kernels.ts), read from and written to the WASM heap; a unit test compares them with the
 * cpu backend's stock kernel.
 */
import * as tf from '@tensorflow/tfjs';
import { filterGradValues, type FilterGradAttrs } from './cpu-kernels';

/** The slice of the WASM backend used here (its class is not a direct dependency). */
interface WasmBackend {
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array;
  makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
}

/** Registers the kernel on the WASM backend unless tfjs has one (idempotent). */
export function installWasmFilterGrad(): void {
  if (tf.getKernel(tf.Conv2DBackpropFilter, 'wasm')) return;
  tf.registerKernel({
    kernelName: tf.Conv2DBackpropFilter,
    backendName: 'wasm',
    kernelFunc: ({ inputs, attrs, backend }) => {
      const a = attrs as unknown as FilterGradAttrs;
      if (a.dataFormat !== 'NHWC') throw new Error('Conv2DBackpropFilter on WASM handles NHWC only');
      const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
      const wasm = backend as unknown as WasmBackend;
      const dw = filterGradValues(
        x.shape as [number, number, number, number],
        wasm.typedArrayFromHeap(x),
        wasm.typedArrayFromHeap(dy),
        a,
      );
      const out = wasm.makeOutput(a.filterShape, 'float32');
      wasm.typedArrayFromHeap(out).set(dw);
      return out;
    },
  });
}
