/**
 * Registers the optional tfjs backends in the worker: WebGPU, and WASM with its binaries
 * served by Vite from node_modules (nothing is fetched from a CDN). WebGL and CPU come with
 * the @tensorflow/tfjs umbrella package.
 */
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { installFastCpuKernels } from '../engine/cpu-kernels';
import { installWasmFilterGrad } from '../engine/wasm-kernels';
import { enableWasmThreads } from '../engine/wasm-threads';

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});

// tfjs's own cpu kernels for conv filter gradients and max-pool gradients are ~14× slower.
installFastCpuKernels();

// Only the production build ships the helper threads' scripts as files (vite.config.ts); elsewhere
// tfjs would start them from blob: URLs, which the Content-Security-Policy refuses.
enableWasmThreads(import.meta.env.PROD);

// WASM has no Conv2DBackpropFilter, which input gradients through a linear Conv2D ask for.
installWasmFilterGrad();
