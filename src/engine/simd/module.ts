/**
 * Our SIMD kernels instantiated on tfjs-backend-wasm's own WebAssembly.Memory, so they read and
 * write tensors in place at `dataIdMap.get(dataId).memoryOffset` (bytes), as piece-matmul.ts's
 * views do. The memory is imported, not copied: when tfjs grows it our instance sees the new
 * pages too (nothing here keeps a view of the buffer).
 *
 * One instance per backend and head width (the functions are emitted for one width, unrolled).
 * None where WASM SIMD is missing (WebAssembly.validate on a tiny f32x4 module), where the
 * backend's memory cannot be reached or is shared (the threaded build): callers then keep the
 * `fast` forms of transformer-ops.ts and transformer-attention-fast.ts.
 */
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { attendFunction } from './attention-kernels';
import { attendGradFunction } from './attention-grad-kernel';
import { FunctionBuilder, emitModule, f32, f32x4Splat, type ValType } from './wasm-emit';

export interface AttentionExports {
  attend(...args: number[]): void;
  attendGrad(...args: number[]): void;
}

let enabled = true;
let simdSupported: boolean | undefined;

/** Turns the SIMD kernels off (bench and tests: the `fast` forms alone, side by side). */
export function setSimdKernels(on: boolean): void {
  enabled = on;
}

export function simdKernelsOn(): boolean {
  return enabled;
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

const instances = new WeakMap<object, Map<number, AttentionExports | null>>();

/** The attention kernels for head width `headWidth` on this backend, or null (then fall back). */
export function attentionKernels(backend: BackendWasm, headWidth: number): AttentionExports | null {
  if (!enabled || headWidth % 4 !== 0 || !wasmSimdSupported()) return null;
  let byWidth = instances.get(backend.wasm);
  if (!byWidth) instances.set(backend.wasm, (byWidth = new Map()));
  if (byWidth.has(headWidth)) return byWidth.get(headWidth)!;
  const memory = memoryOf(backend);
  let made: AttentionExports | null = null;
  if (memory) {
    const forward = attendFunction(headWidth);
    const backward = attendGradFunction(headWidth);
    const bytes = emitModule([
      { name: 'attend', params: forward.params as ValType[], body: forward.body },
      { name: 'attendGrad', params: backward.params as ValType[], body: backward.body },
    ]);
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
    made = instance.exports as unknown as AttentionExports;
  }
  byWidth.set(headWidth, made);
  return made;
}
