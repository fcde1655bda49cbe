/**
 * a [n, M, K] · b [n, K, N] → [n, M, N], for tfjs-backend-wasm 4.22 as n plain 2-D matMuls
 * inside one kernel.
 *
 * Why a kernel of our own: wasm's BatchMatMul uses XNNPACK only for batch 1 without transpose
 * flags (batch_mat_mul_impl.cc: `fused_batch_mat_mul`); batch > 1 takes a scalar triple loop
 * at 1–3 GFLOP/s. Cutting the batch into pieces with tfjs ops does not help: wasm's Slice (and
 * SplitV and Unpack, built on it) copies the whole input for every piece (`readSync`), 15 ms
 * to cut [4096, 24] into 64, and each piece's matMul would be a kernel of its own (~6 µs of
 * engine overhead each, some 1,300 per text step). Here each piece is copied out of the heap
 * into a fresh tensor, multiplied by wasm's own BatchMatMul kernel function (batch 1, so
 * XNNPACK), and copied into the output: one engine kernel, n XNNPACK products.
 *
 * The right operand of every piece is new data on purpose: XNNPACK caches its packed right
 * operand by data id (freed with the data), so a buffer reused with new values would be
 * multiplied by the old ones.
 *
 * No gradient is registered: it is used inside hand-written gradients (customGrad) only. Other
 * backends run tf.matMul, whose batched product is already fast there.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

const KERNEL = 'KdStudioPieceMatMul';

type Info = tf.TensorInfo;

/** A view of `t`'s data on the current heap (memory growth replaces the heap buffer, so never keep one). */
const view = (backend: BackendWasm, t: Info) => backend.typedArrayFromHeap(t) as Float32Array;

function pieceMatMul({ inputs, backend }: { inputs: tf.NamedTensorInfoMap; backend: unknown }): Info {
  const wasm = backend as BackendWasm;
  const { a, b } = inputs as { a: Info; b: Info };
  const [n, m, k] = a.shape as [number, number, number];
  const cols = b.shape[2]!;
  const out = wasm.makeOutput([n, m, cols], 'float32');
  const matMul = tf.getKernel('BatchMatMul', 'wasm')!.kernelFunc;
  const attrs = { transposeA: false, transposeB: false };
  const aPiece = wasm.makeOutput([1, m, k], 'float32');
  for (let i = 0; i < n; i++) {
    const bPiece = wasm.makeOutput([1, k, cols], 'float32');
    view(wasm, aPiece).set(view(wasm, a).subarray(i * m * k, (i + 1) * m * k));
    view(wasm, bPiece).set(view(wasm, b).subarray(i * k * cols, (i + 1) * k * cols));
    const product = matMul({ inputs: { a: aPiece, b: bPiece }, backend: wasm, attrs }) as Info;
    view(wasm, out).set(view(wasm, product), i * m * cols);
    wasm.disposeData(product.dataId);
    wasm.disposeData(bPiece.dataId);
  }
  wasm.disposeData(aPiece.dataId);
  return out;
}

/** a [n, M, K] · b [n, K, N], batch by batch; no transpose flags (transpose first, explicitly). */
export function pieceMatMul3d(a: tf.Tensor3D, b: tf.Tensor3D): tf.Tensor3D {
  if (tf.getBackend() !== 'wasm') return tf.matMul(a, b);
  if (a.shape[0] !== b.shape[0] || a.shape[2] !== b.shape[1]) {
    throw new Error(`pieceMatMul3d: shapes [${a.shape.join(', ')}] and [${b.shape.join(', ')}] do not multiply`);
  }
  if (!tf.getKernel(KERNEL, 'wasm')) {
    tf.registerKernel({ kernelName: KERNEL, backendName: 'wasm', kernelFunc: pieceMatMul as tf.KernelFunc });
  }
  return tf.engine().runKernel(KERNEL, { a, b }) as tf.Tensor3D;
}
