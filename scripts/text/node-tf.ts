/**
 * tfjs in Node for the text scripts: the wasm backend (XNNPACK kernels, loaded from
 * node_modules, no download) or the pure-JS cpu backend. tfjs-node is not used: it needs a
 * native download this project avoids.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type NodeBackend = 'wasm' | 'cpu';

export async function useNodeBackend(name: NodeBackend, threads = 1): Promise<string> {
  // Not IS_TEST (which would silence the "use tfjs-node" hint): it also turns on a per-kernel
  // leak check that slows every op and wrongly reports wasm's logSoftmax as leaking a data id.
  if (name === 'wasm') {
    const require = createRequire(import.meta.url);
    const dist = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
    setWasmPaths(join(dist, '/'));
    // The threaded build spawns Web Workers, which Node does not have: force the SIMD build.
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', threads > 1);
  }
  if (!(await tf.setBackend(name))) throw new Error(`tfjs backend ${name} did not start`);
  await tf.ready();
  return tf.getBackend();
}

export { tf };
