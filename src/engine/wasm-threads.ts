/**
 * WASM with threads: one more thing Auto may time, where the page is cross-origin isolated
 * (SharedArrayBuffer) and the build ships tfjs's thread scripts as files (vite.config.ts,
 * `wasmThreadAssets`). tfjs-wasm decides threads once, when its backend starts, from the flag
 * WASM_HAS_MULTITHREAD_SUPPORT; to time both kinds in one worker the `wasm` backend is
 * removed and registered again with its own factory and the flag flipped. Off by default:
 * on 2 cores threads made the toy step 2–5× slower (platform notes), and a page served
 * without the thread files would wait for helper threads that never start.
 */
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setThreadsCount } from '@tensorflow/tfjs-backend-wasm';

const FLAG = 'WASM_HAS_MULTITHREAD_SUPPORT';
/** tfjs-backend-wasm's own registration priority (base.ts). */
const WASM_PRIORITY = 2;

let shipped = false;
let current = false;

/** Called by the worker's setup: this build serves the thread scripts (production builds only). */
export function enableWasmThreads(available: boolean): void {
  shipped = available;
  if (tf.findBackendFactory('wasm')) tf.env().set(FLAG, false);
}

/** Whether Auto may time WASM with threads here. */
export function wasmThreadsAvailable(): boolean {
  return shipped && Boolean((globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated);
}

/** Whether the `wasm` backend runs (or will start) with threads. */
export function wasmThreadsOn(): boolean {
  return current;
}

/** Threads the running threaded module uses (tfjs reports it once started). */
export function wasmThreadCount(): number {
  return current ? getThreadsCount() : 1;
}

/**
 * Makes the next `tf.setBackend('wasm')` start WASM with (or without) threads. Disposes a
 * running wasm backend of the other kind: its tensors must be gone already (a trial's are).
 */
export function setWasmThreads(on: boolean): void {
  const want = on && wasmThreadsAvailable();
  if (want === current) return;
  const factory = tf.findBackendFactory('wasm');
  if (!factory) return;
  tf.removeBackend('wasm');
  tf.env().set(FLAG, want);
  // Every core: tfjs's default is half of them, which is a single thread on 2 cores.
  if (want) setThreadsCount(Math.max(2, globalThis.navigator?.hardwareConcurrency ?? 2));
  tf.registerBackend('wasm', factory, WASM_PRIORITY);
  current = want;
}
