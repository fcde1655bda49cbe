/**
 * Causal attention on tfjs-backend-wasm through our own SIMD kernels (src/engine/simd/): one
 * engine kernel for the forward pass (scores, causal softmax and P·v for every window and
 * head, read and written in the [rows, width] layout) and one for its gradient, in place of
 * the fast form's per-head transposes, 64 matMul pieces per product, mask add and softmax.
 *
 * `simdAttention` returns null when the kernels are not there (no WASM SIMD, another backend,
 * a head width or window length not a multiple of 4): the caller then runs the fast form.
 * The mask argument of the other forms is not read: the kernels are causal by construction.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { attendFunction } from '../simd/attention-kernels';
import { attendGradFunction } from '../simd/attention-grad-kernel';
import { offsetOf, simdKernels } from '../simd/module';
import type { AttentionShape } from './transformer-attention';

const FORWARD = 'KdStudioSimdAttention';
const BACKWARD = 'KdStudioSimdAttentionGrad';

interface Attrs {
  batch: number;
  steps: number;
  heads: number;
  headWidth: number;
  scale: number;
}

type KernelArgs = { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: unknown };

/** The two functions for one head width, or null (no SIMD, not wasm, a width not a multiple of 4). */
function attentionKernels(headWidth: number) {
  if (headWidth % 4 !== 0) return null;
  return simdKernels(`attention${headWidth}`, () => [
    { name: 'attend', ...attendFunction(headWidth) },
    { name: 'attendGrad', ...attendGradFunction(headWidth) },
  ]);
}

function forward({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo[] {
  const wasm = backend as BackendWasm;
  const { batch, steps, heads, headWidth, scale } = attrs as unknown as Attrs;
  const { q, k, v } = inputs as { q: tf.TensorInfo; k: tf.TensorInfo; v: tf.TensorInfo };
  const kernels = attentionKernels(headWidth)!;
  const out = wasm.makeOutput([...q.shape], 'float32');
  const p = wasm.makeOutput([batch * heads, steps, steps], 'float32');
  const at = (t: tf.TensorInfo) => offsetOf(wasm, t);
  kernels.attend!(at(q), at(k), at(v), at(out), at(p), batch, steps, heads, heads * headWidth * 4, scale);
  return [out, p];
}

function backward({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo[] {
  const wasm = backend as BackendWasm;
  const { batch, steps, heads, headWidth, scale } = attrs as unknown as Attrs;
  const { q, k, v, p, dy } = inputs as Record<'q' | 'k' | 'v' | 'p' | 'dy', tf.TensorInfo>;
  const kernels = attentionKernels(headWidth)!;
  const [dq, dk, dv] = [q, k, v].map((t) => wasm.makeOutput([...t.shape], 'float32'));
  const scratch = wasm.makeOutput([steps], 'float32');
  const at = (t: tf.TensorInfo) => offsetOf(wasm, t);
  const rowBytes = heads * headWidth * 4;
  kernels.attendGrad!(
    at(q),
    at(k),
    at(v),
    at(p),
    at(dy),
    at(dq!),
    at(dk!),
    at(dv!),
    at(scratch),
    batch,
    steps,
    heads,
    rowBytes,
    scale,
  );
  wasm.disposeData(scratch.dataId);
  return [dq!, dk!, dv!];
}

function register(): void {
  if (tf.getKernel(FORWARD, 'wasm')) return;
  tf.registerKernel({ kernelName: FORWARD, backendName: 'wasm', kernelFunc: forward as unknown as tf.KernelFunc });
  tf.registerKernel({ kernelName: BACKWARD, backendName: 'wasm', kernelFunc: backward as unknown as tf.KernelFunc });
}

/** Whether the SIMD kernels run attention of this shape on the current backend. */
export function simdAttentionAvailable({ steps, headWidth }: AttentionShape): boolean {
  return steps % 4 === 0 && attentionKernels(headWidth) !== null;
}

const attrsOf = (shape: AttentionShape, scale: number) => ({ ...shape, scale }) as unknown as tf.NamedAttrMap;

/** softmax(scale·q·kᵀ, causal)·v, no gradient (a frozen teacher: its q carries 1/√d, scale 1). */
export function simdAttentionForward(
  q: tf.Tensor2D,
  k: tf.Tensor2D,
  v: tf.Tensor2D,
  shape: AttentionShape,
  scale = 1,
): tf.Tensor2D {
  register();
  const [out, p] = tf.engine().runKernel(FORWARD, { q, k, v }, attrsOf(shape, scale)) as tf.Tensor[];
  p!.dispose();
  return out as tf.Tensor2D;
}

/** softmax(q·kᵀ/√d, causal)·v with its gradient (the student). */
export function simdAttention(q: tf.Tensor2D, k: tf.Tensor2D, v: tf.Tensor2D, shape: AttentionShape): tf.Tensor2D {
  register();
  const attrs = attrsOf(shape, 1 / Math.sqrt(shape.headWidth));
  const attend = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [qx, kx, vx, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
    const [out, p] = tf.engine().runKernel(FORWARD, { q: qx, k: kx, v: vx }, attrs) as tf.Tensor[];
    save([qx, kx, vx, p!]);
    return {
      value: out as tf.Tensor2D,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [qs, ks, vs, ps] = saved as tf.Tensor[];
        return tf.engine().runKernel(BACKWARD, { q: qs!, k: ks!, v: vs!, p: ps!, dy }, attrs) as tf.Tensor[];
      },
    };
  }) as (q: tf.Tensor, k: tf.Tensor, v: tf.Tensor) => tf.Tensor2D;
  return attend(q, k, v);
}
