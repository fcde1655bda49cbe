/**
 * tf.transpose of a 2-D float32 tensor through our tiled SIMD kernel (transpose-kernel.ts) where
 * it runs (wasm with SIMD, both sides multiples of 4), else tfjs's own. No gradient: it serves
 * hand-written gradients, which the tape does not differentiate again.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { elementwiseKernels } from './elementwise';
import { offsetOf } from './module';

const KERNEL = 'KdStudioSimdTranspose';
type KernelArgs = { inputs: tf.NamedTensorInfoMap; backend: unknown };

function register(): void {
  if (tf.getKernel(KERNEL, 'wasm')) return;
  const kernelFunc = ({ inputs, backend }: KernelArgs) => {
    const wasm = backend as BackendWasm;
    const { x } = inputs as { x: tf.TensorInfo };
    const [rows, cols] = x.shape as [number, number];
    const y = wasm.makeOutput([cols, rows], 'float32');
    elementwiseKernels()!.transpose!(offsetOf(wasm, x), offsetOf(wasm, y), rows, cols);
    return y;
  };
  tf.registerKernel({ kernelName: KERNEL, backendName: 'wasm', kernelFunc: kernelFunc as unknown as tf.KernelFunc });
}

export function transpose2d(x: tf.Tensor2D): tf.Tensor2D {
  const [rows, cols] = x.shape;
  if (rows % 4 !== 0 || cols % 4 !== 0 || x.dtype !== 'float32' || elementwiseKernels() === null) {
    return tf.transpose(x);
  }
  register();
  return tf.engine().runKernel(KERNEL, { x }) as tf.Tensor2D;
}
