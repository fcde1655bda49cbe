/**
 * Our SIMD kernels instantiated on tfjs-backend-wasm's own WebAssembly.Memory, so they read and
 * write tensors in place at `dataIdMap.get(dataId).memoryOffset` (bytes), as piece-matmul.ts's
 * views do. The memory is imported, not copied: when tfjs grows it our instance sees the new
 * pages too (nothing here keeps a view of the buffer).
 *
 * One instance per backend and kind (attention is emitted for one head width, unrolled).
 * None where WASM SIMD is missing (WebAssembly.validate on a tiny f32x4 module), where the
 * backend's memory cannot be reached or is shared (the threaded build): callers then keep the
 * `fast` forms of transformer-ops.ts and transformer-attention-fast.ts.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { installSharedIdentity } from '../models/wasm-identity';
import { transformerForms } from '../models/transformer-ops';
import { FunctionBuilder, emitModule, f32, f32x4Splat, type Code, type ValType } from './wasm-emit';

/** Every export of our modules: void functions of i32 pointers and sizes and f32 scalars. */
export type SimdExports = Record<string, (...args: number[]) => void>;
export interface SimdFunction {
  name: string;
  params: number[];
  body: Code;
}

let enabled = true;
let simdSupported: boolean | undefined;

/** Turns the SIMD kernels off (bench and tests: the `fast` forms alone, side by side). */
export function setSimdKernels(on: boolean): void {
  enabled = on;
}

/** Whether this engine validates a module using f32x4 (checked once). */
export function wasmSimdSupported(): boolean {
  if (simdSupported === undefined) {
    // f32.const 1, f32x4.splat, drop
    const body = new FunctionBuilder([]).encode([...f32(1), ...f32x4Splat(), 0x1a]);
    simdSupported =
      typeof WebAssembly === 'object' && WebAssembly.validate(emitModule([{ name: 'p', params: [], body }]));
  }
  return simdSupported;
}

function memoryOf(backend: BackendWasm): WebAssembly.Memory | undefined {
  const module = backend.wasm as unknown as { asm?: { memory?: unknown }; wasmMemory?: unknown };
  const memory = module.asm?.memory ?? module.wasmMemory;
  if (!(memory instanceof WebAssembly.Memory)) return undefined;
  if (typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer) return undefined;
  return memory;
}

const instances = new WeakMap<object, Map<string, SimdExports | null>>();

/**
 * The module `key` built by `build` on the current backend (wasm), or null where our kernels
 * cannot run (then fall back). Made once per backend and key.
 */
export function simdKernels(key: string, build: () => SimdFunction[]): SimdExports | null {
  if (!enabled || tf.getBackend() !== 'wasm' || !wasmSimdSupported()) return null;
  const backend = tf.backend() as unknown as BackendWasm;
  let byKey = instances.get(backend.wasm);
  if (!byKey) instances.set(backend.wasm, (byKey = new Map()));
  if (byKey.has(key)) return byKey.get(key)!;
  const memory = memoryOf(backend);
  let made: SimdExports | null = null;
  if (memory) {
    installSharedIdentity(() => enabled && transformerForms() === 'fast');
    const functions = build().map((f) => ({ ...f, params: f.params as ValType[] }));
    const instance = new WebAssembly.Instance(new WebAssembly.Module(emitModule(functions)), { env: { memory } });
    made = instance.exports as unknown as SimdExports;
  }
  byKey.set(key, made);
  return made;
}

/** A tensor's byte offset in the wasm memory. */
export const offsetOf = (backend: BackendWasm, t: tf.TensorInfo): number =>
  backend.dataIdMap.get(t.dataId)!.memoryOffset;
