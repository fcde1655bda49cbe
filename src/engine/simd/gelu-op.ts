/**
 * GELU on tfjs-backend-wasm as one SIMD kernel each way (gelu-kernels.ts), where the fast form
 * of transformer-ops.ts runs five or six tfjs kernels. `simdGeluAvailable` says whether it runs.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { elementwiseKernels } from './elementwise';
import { offsetOf } from './module';

const FORWARD = 'KdStudioSimdGelu';
const BACKWARD = 'KdStudioSimdGeluGrad';
type KernelArgs = { inputs: tf.NamedTensorInfoMap; backend: unknown };

function register(): void {
  if (tf.getKernel(FORWARD, 'wasm')) return;
  const forward = ({ inputs, backend }: KernelArgs) => {
    const wasm = backend as BackendWasm;
    const { x } = inputs as { x: tf.TensorInfo };
    const y = wasm.makeOutput([...x.shape], 'float32');
    elementwiseKernels()!.gelu!(offsetOf(wasm, x), offsetOf(wasm, y), tf.util.sizeFromShape(x.shape) * 4);
    return y;
  };
  const backward = ({ inputs, backend }: KernelArgs) => {
    const wasm = backend as BackendWasm;
    const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
    const dx = wasm.makeOutput([...x.shape], 'float32');
    const at = (t: tf.TensorInfo) => offsetOf(wasm, t);
    elementwiseKernels()!.geluGrad!(at(x), at(dy), at(dx), tf.util.sizeFromShape(x.shape) * 4);
    return dx;
  };
  tf.registerKernel({ kernelName: FORWARD, backendName: 'wasm', kernelFunc: forward as unknown as tf.KernelFunc });
  tf.registerKernel({ kernelName: BACKWARD, backendName: 'wasm', kernelFunc: backward as unknown as tf.KernelFunc });
}

export function simdGeluAvailable(x: tf.Tensor): boolean {
  return x.size % 4 === 0 && x.dtype === 'float32' && elementwiseKernels() !== null;
}

/** GELU without a gradient (a frozen model's pass). */
export function simdGeluForward(x: tf.Tensor2D): tf.Tensor2D {
  register();
  return tf.engine().runKernel(FORWARD, { x }) as tf.Tensor2D;
}

/** GELU with its gradient. */
export const simdGelu = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [x, save] = args as [tf.Tensor2D, tf.GradSaveFunc];
  register();
  save([x]);
  return {
    value: tf.engine().runKernel(FORWARD, { x }) as tf.Tensor2D,
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [
      tf.engine().runKernel(BACKWARD, { x: saved[0]!, dy }) as tf.Tensor,
    ],
  };
}) as (x: tf.Tensor) => tf.Tensor2D;
