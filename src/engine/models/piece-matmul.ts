/**
 * a [n, M, K] · b [n, K, N] → [n, M, N], for tfjs-backend-wasm 4.22 as n plain 2-D matMuls
 * inside one kernel.
 *
 * Why a kernel of our own: wasm's BatchMatMul uses XNNPACK only for batch 1 without transpose
 * flags (batch_mat_mul_impl.cc: `fused_batch_mat_mul`); batch > 1 takes a scalar triple loop
 * at 1–3 GFLOP/s. Cutting the batch into pieces with tfjs ops does not help: wasm's Slice (and
 * SplitV and Unpack, built on it) copies the whole input for every piece (`readSync`), 15 ms
 * to cut [4096, 24] into 64, and each piece's matMul would be a kernel of its own (~6 µs of
 * engine overhead each, some 1,300 per text step).
 *
 * So each piece is a view: a tensor the C++ side knows by a fresh id, registered on the
 * memory of a piece of a, b or the output (`makeOutput` with a memory offset, tfjs's own way
 * of recording memory allocated elsewhere), multiplied by wasm's BatchMatMul function at batch
 * 1 (XNNPACK), then unregistered without freeing the memory it lends. No copies, no
 * allocations, one engine kernel. A first version that copied every piece in and out through
 * fresh tensors and wasm's kernel function spent half its time in that JavaScript.
 *
 * Every piece of b gets a new id on purpose: XNNPACK caches its packed right operand by id
 * (dropped when the id is disposed), so an id reused for other values would be multiplied by
 * the old ones.
 *
 * No gradient is registered: it is used inside hand-written gradients (customGrad) only. Other
 * backends run tf.matMul, whose batched product is already fast there.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

const KERNEL = 'KdStudioPieceMatMul';
const BYTES = Float32Array.BYTES_PER_ELEMENT;

type BatchMatMulFn = (
  aId: number,
  aShape: Uint8Array,
  aRank: number,
  bId: number,
  bShape: Uint8Array,
  bRank: number,
  transposeA: number,
  transposeB: number,
  outId: number,
) => void;
type Module = BackendWasm['wasm'] & { cwrap(name: string, ret: null, args: string[]): BatchMatMulFn };

/** wasm's BatchMatMul entry point (the signature tfjs-backend-wasm's kernel binds), per module. */
const bound = new WeakMap<object, BatchMatMulFn>();
function batchMatMulOf(module: Module): BatchMatMulFn {
  let f = bound.get(module);
  if (!f) {
    const n = 'number';
    f = module.cwrap('BatchMatMul', null, [n, 'array', n, n, 'array', n, n, n, n]);
    bound.set(module, f);
  }
  return f;
}

const shapeBytes = (shape: number[]) => new Uint8Array(new Int32Array(shape).buffer);

function pieceMatMul({ inputs, backend }: { inputs: tf.NamedTensorInfoMap; backend: unknown }): tf.TensorInfo {
  const wasm = backend as BackendWasm;
  const module = wasm.wasm as Module;
  const multiply = batchMatMulOf(module);
  const { a, b } = inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
  const [n, m, k] = a.shape as [number, number, number];
  const cols = b.shape[2]!;
  const out = wasm.makeOutput([n, m, cols], 'float32');
  const at = (t: tf.TensorInfo) => wasm.dataIdMap.get(t.dataId)!.memoryOffset;
  const [aAt, bAt, outAt] = [at(a), at(b), at(out)];
  const [aShape, bShape] = [shapeBytes([1, m, k]), shapeBytes([1, k, cols])];
  // A view: a tensor the C++ side knows by a fresh id, on memory that stays a's, b's or out's.
  const view = (shape: number[], offset: number) => wasm.makeOutput(shape, 'float32', offset).dataId;
  const release = (dataId: tf.DataId) => {
    module.tfjs.disposeData(wasm.dataIdMap.get(dataId)!.id);
    wasm.dataIdMap.delete(dataId);
  };
  const idOf = (dataId: tf.DataId) => wasm.dataIdMap.get(dataId)!.id;
  for (let i = 0; i < n; i++) {
    const ai = view([1, m, k], aAt + i * m * k * BYTES);
    const bi = view([1, k, cols], bAt + i * k * cols * BYTES);
    const oi = view([1, m, cols], outAt + i * m * cols * BYTES);
    multiply(idOf(ai), aShape, 3, idOf(bi), bShape, 3, 0, 0, idOf(oi));
    release(ai);
    release(bi);
    release(oi);
  }
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
