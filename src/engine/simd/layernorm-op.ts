/**
 * LayerNorm on tfjs-backend-wasm as one SIMD kernel each way (layernorm-kernels.ts), where the
 * fast form of transformer-ops.ts runs nine to twelve tfjs kernels, and the frozen teacher's
 * normalisation (γ and β folded away) as one. `simdLayerNormAvailable` says whether it runs.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { elementwiseKernels } from './elementwise';
import { offsetOf } from './module';

const FORWARD = 'KdStudioSimdLayerNorm';
const BACKWARD = 'KdStudioSimdLayerNormGrad';
type KernelArgs = { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: unknown };

function register(): void {
  if (tf.getKernel(FORWARD, 'wasm')) return;
  // y (unless γ is absent), n, inv per row
  const forward = ({ inputs, backend, attrs }: KernelArgs) => {
    const wasm = backend as BackendWasm;
    const { x, gamma, beta } = inputs as Record<string, tf.TensorInfo | undefined>;
    const [rows, width] = x!.shape as [number, number];
    const affine = gamma !== undefined;
    const y = affine ? wasm.makeOutput([rows, width], 'float32') : undefined;
    const n = wasm.makeOutput([rows, width], 'float32');
    const inv = wasm.makeOutput([rows, 1], 'float32');
    const at = (t: tf.TensorInfo | undefined) => (t ? offsetOf(wasm, t) : 0);
    const { epsilon } = attrs as { epsilon: number };
    elementwiseKernels()!.layerNorm!(
      at(x),
      at(gamma),
      at(beta),
      at(y),
      at(n),
      at(inv),
      rows,
      width,
      1 / width,
      affine ? 1 : 0,
      epsilon,
    );
    return y ? [y, n, inv] : [n, inv];
  };
  const backward = ({ inputs, backend }: KernelArgs) => {
    const wasm = backend as BackendWasm;
    const { dy, n, inv, gamma } = inputs as Record<string, tf.TensorInfo>;
    const [rows, width] = n!.shape as [number, number];
    const dx = wasm.makeOutput([rows, width], 'float32');
    const [dg, db] = [0, 1].map(() => wasm.makeOutput([width], 'float32'));
    const at = (t: tf.TensorInfo) => offsetOf(wasm, t);
    elementwiseKernels()!.layerNormGrad!(
      at(dy!),
      at(n!),
      at(inv!),
      at(gamma!),
      at(dx),
      at(dg!),
      at(db!),
      rows,
      width,
      1 / width,
    );
    return [dx, dg!, db!];
  };
  tf.registerKernel({ kernelName: FORWARD, backendName: 'wasm', kernelFunc: forward as unknown as tf.KernelFunc });
  tf.registerKernel({ kernelName: BACKWARD, backendName: 'wasm', kernelFunc: backward as unknown as tf.KernelFunc });
}

export function simdLayerNormAvailable(x: tf.Tensor): boolean {
  return x.rank === 2 && x.shape[1]! % 4 === 0 && elementwiseKernels() !== null;
}

/** (x − mean)/σ per row, no γ, β or gradient (the frozen teacher's). */
export function simdNormalise(x: tf.Tensor2D, epsilon: number): tf.Tensor2D {
  register();
  const [n, inv] = tf.engine().runKernel(FORWARD, { x }, { epsilon }) as tf.Tensor[];
  inv!.dispose();
  return n as tf.Tensor2D;
}

/** LayerNorm ·γ + β without a gradient (the frozen teacher's final LayerNorm). */
export function simdLayerNormForward(x: tf.Tensor2D, gamma: tf.Tensor, beta: tf.Tensor, epsilon: number): tf.Tensor2D {
  register();
  const [y, n, inv] = tf.engine().runKernel(FORWARD, { x, gamma, beta }, { epsilon }) as tf.Tensor[];
  tf.dispose([n!, inv!]);
  return y as tf.Tensor2D;
}

/** LayerNorm ·γ + β with its gradient. */
export function simdLayerNorm(x: tf.Tensor2D, gamma: tf.Tensor, beta: tf.Tensor, epsilon: number): tf.Tensor2D {
  register();
  const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xs, g, b, save] = args as [tf.Tensor2D, tf.Tensor1D, tf.Tensor1D, tf.GradSaveFunc];
    const [y, n, inv] = tf.engine().runKernel(FORWARD, { x: xs, gamma: g, beta: b }, { epsilon }) as tf.Tensor[];
    save([n!, inv!, g]);
    return {
      value: y as tf.Tensor2D,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [ns, invs, gs] = saved as tf.Tensor[];
        return tf.engine().runKernel(BACKWARD, { dy, n: ns!, inv: invs!, gamma: gs! }) as tf.Tensor[];
      },
    };
  }) as (x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor) => tf.Tensor2D;
  return f(x, gamma, beta);
}
