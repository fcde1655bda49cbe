/**
 * Objectives computed in one JavaScript kernel on cpu and wasm (js-kernels.ts): a divergence
 * spec that names a `hostKernel` gets its fused loss from it on these backends
 * (objectives/fused-divergence.ts), `<name>` for the values [total, kd, ce] and `<name>Grad`
 * for the gradient with respect to the student's logits. The maths lives with the objective
 * (objectives/forward-kl-host.ts); this file only lends it the backends' memory.
 */
import type * as tf from '@tensorflow/tfjs';
import { FORWARD_KL_KERNEL } from '../objectives/fused-divergence';
import { forwardKlGrad, forwardKlValues, type ForwardKlArgs } from '../objectives/forward-kl-host';
import { registerJsKernel, type KernelIo } from './js-kernels';

function args(inputs: tf.NamedTensorInfoMap, attrs: tf.NamedAttrMap, io: KernelIo): ForwardKlArgs {
  const { zs, zt, labels, mask, labelMask } = inputs;
  const [rows, classes] = zs!.shape as [number, number];
  return {
    zs: io.f32(zs!),
    zt: io.f32(zt!),
    labels: io.view(labels!),
    mask: mask && io.f32(mask),
    labelMask: labelMask && io.f32(labelMask),
    rows,
    classes,
    T: attrs.T as number,
    alpha: attrs.alpha as number,
    t2: attrs.t2 as number,
  };
}

/** Registers the objectives' host kernels on cpu and wasm (idempotent). */
export function ensureKdKernels(): void {
  registerJsKernel(FORWARD_KL_KERNEL, (inputs, attrs, io) => {
    const [out] = io.alloc([[3]]);
    const values = forwardKlValues(args(inputs, attrs, io));
    io.f32(out!).set(values);
    return [out!];
  });
  registerJsKernel(`${FORWARD_KL_KERNEL}Grad`, (inputs, attrs, io) => {
    const [out] = io.alloc([inputs.zs!.shape]);
    forwardKlGrad(args(inputs, attrs, io), io.f32(inputs.dy!), io.f32(out!));
    return [out!];
  });
}
