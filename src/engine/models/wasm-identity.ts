/**
 * tfjs-backend-wasm 4.22's Identity copies its input into fresh memory, and tfjs runs one for
 * every tensor a gradient saves (`saveTensorsForBackwardMode` and customGrad's `save` both
 * clone): about 70 copies per text KD step, the attention's 1 MB probabilities among them.
 * Tensors are immutable and the wasm backend counts references (its Reshape shares data the
 * same way), so a clone may share its input's data, as the cpu backend's Identity does.
 *
 * Installed for the fast forms with our SIMD kernels (module.ts switches it with them), inside
 * a transformer's forward pass only (`withSharedClones`); the
 * reference forms, and the fast forms without SIMD, keep tfjs's copying Identity, so the
 * bench's side-by-side rows measure the path each formulation really has.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

type KernelArgs = { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: unknown };

let installed = false;
let sharing: () => boolean = () => false;
let depth = 0;

/**
 * Runs `f` (a transformer's forward pass, where its gradients save their tensors) with clones
 * that share data, when installed and on. Scoped so that nothing else on wasm (other models, the
 * objectives) sees a clone keep its input's data id: XNNPACK caches a packed matMul operand
 * by that id, and a clone used at another shape would find the wrong entry.
 */
export function withSharedClones<T>(f: () => T): T {
  depth++;
  try {
    return f();
  } finally {
    depth--;
  }
}

/** Makes wasm's Identity share data whenever `when()` holds (idempotent; the first `when` stays). */
export function installSharedIdentity(when: () => boolean): void {
  if (installed) return;
  const stock = tf.getKernel(tf.Identity, 'wasm');
  if (!stock) return;
  installed = true;
  sharing = when;
  tf.unregisterKernel(tf.Identity, 'wasm');
  tf.registerKernel({
    kernelName: tf.Identity,
    backendName: 'wasm',
    kernelFunc: ((args: KernelArgs) => {
      const { x } = args.inputs as { x: tf.TensorInfo };
      if (depth === 0 || !sharing() || x.dtype === 'string') return stock.kernelFunc(args as never);
      (args.backend as BackendWasm).incRef(x.dataId);
      return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
    }) as unknown as tf.KernelFunc,
  });
}
