/** Test helper: tfjs on its pure-JS cpu backend, as the unit tests run it in Node. */
import * as tf from '@tensorflow/tfjs';
import { installFastCpuKernels } from '../engine/cpu-kernels';

let ready: Promise<void> | null = null;

export function useCpu(): Promise<void> {
  ready ??= (async () => {
    // Silence the "use tfjs-node for speed" hint: tfjs-node needs a native download we avoid.
    tf.env().set('IS_TEST', true);
    await tf.setBackend('cpu');
    // The same cpu kernels the app's worker uses.
    installFastCpuKernels();
    await tf.ready();
  })();
  return ready;
}

export { tf };
