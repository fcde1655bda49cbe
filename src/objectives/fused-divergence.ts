/**
 * A divergence objective (distribution.ts) as one custom-gradient op: the same forward maths,
 * run untaped, and a gradient written out instead of tfjs differentiating every op. On a small
 * student the loss is most of a step's kernels: Hinton KD on the toy task recorded about 106
 * (forward ops, the tape's copies of their inputs, and their gradients); tfjs's tape copies
 * every saved input once more and walks each op back. Here the forward computes the same
 * values (total, kd and ce bit for bit the taped form's) untaped and in fewer ops, and the
 * backward is a dozen kernels. The engine's lean step forms call it (`fusedLoss`); the taped `loss` stays the
 * definition, and the tests hold the two together (values equal, gradients to float32 noise).
 *
 * With u = z_s/T, q = softmax(u), p = softmax(z_t/T), ω the mean's row weights (mask/Σmask or
 * 1/N) and s = T² (T² scaling) or 1:
 *
 *   ∂kd/∂z_s = ω·(s/T)·∂D/∂u,   ∂ce/∂z_s = ω_ce·(softmax(z_s) − onehot(y)),
 *
 * with ∂D/∂u from the divergence (`softGrad`: forward KL gives q − p). The op's output is the
 * row [total, kd, ce], so all three keep exact gradients: for an upstream [dT, dK, dC],
 * ∂/∂z_s = (dT·(1 − α) + dC)·∂ce/∂z_s + (dT·w + dK)·∂kd/∂z_s, one 1×3·3×2 and one 1×2·2×(N·C)
 * matMul. q, p and softmax(z_s) are recomputed in the backward (one softmax kernel each):
 * tensors made inside a custom op's forward cannot outlive it.
 */
import type { DivergenceSpec } from './distribution';
import { hardLabelRows, kdWeight, maskedMean } from './divergences';
import type { LossInputs, LossResult, Scalar, Tensor, Tf } from './types';

/** A divergence spec whose gradient with respect to the softened student logits is known. */
export type FusibleSpec = DivergenceSpec & Required<Pick<DivergenceSpec, 'softGrad'>>;

/** The host kernels of forward KL (objectives/forward-kl-host.ts; registered by the engine). */
export const FORWARD_KL_KERNEL = 'KdForwardKl';

/**
 * The loss through a backend's host kernels (`name`: values, `name`Grad: the gradient), on
 * the backends that registered them (cpu and wasm): two kernels and a handful of records.
 */
function kernelLoss(tf: Tf, name: string, inputs: LossInputs, attrs: Record<string, number>): Tensor {
  const { studentLogits, teacherLogits, labels, mask, labelMask } = inputs;
  const rest = { zt: teacherLogits!, labels, ...(mask && { mask }), ...(labelMask && { labelMask }) };
  const names = Object.keys(rest) as (keyof typeof rest)[];
  const op = tf.customGrad((...args: (Tensor | ((save: Tensor[]) => void))[]) => {
    const [zs, save] = args as [Tensor, (save: Tensor[]) => void];
    // Kept for the backward (the tape disposes a forward's intermediates, such as z_s).
    save([zs, ...names.map((k) => rest[k]!)]);
    return {
      value: tf.engine().runKernel(name, { zs, ...rest }, attrs) as Tensor,
      gradFunc: (dy: Tensor, [z, ...kept]: Tensor[]) => [
        tf
          .engine()
          .runKernel(
            `${name}Grad`,
            { zs: z!, dy, ...Object.fromEntries(names.map((k, i) => [k, kept[i]!])) },
            attrs,
          ) as Tensor,
      ],
    };
  });
  return op(studentLogits);
}

/**
 * Row weights of a mean as a tensor factor (a column mask/max(Σmask, 1)) and a number factor
 * (1/N without a mask, else 1): numbers are folded into the small matrix M, so an unmasked
 * batch spends no kernel on them.
 */
function rowWeights(tf: Tf, mask: Tensor | undefined, rows: number): { column?: Tensor; factor: number } {
  if (!mask) return { factor: 1 / rows };
  return { column: tf.reshape(tf.div(mask, tf.maximum(tf.sum(mask), 1)), [rows, 1]), factor: 1 };
}

export function fusedDivergenceLoss(spec: FusibleSpec) {
  return (tf: Tf, inputs: LossInputs, params: Readonly<Record<string, number>>): LossResult => {
    const { studentLogits, teacherLogits, labels, mask, labelMask } = inputs;
    if (!teacherLogits) throw new Error(`${spec.name} needs teacher logits`);
    const { T = spec.defaults.T, alpha = spec.defaults.alpha, t2 = spec.defaults.t2 } = params;
    const [rows, classes] = studentLogits.shape;
    if (spec.hostKernel && tf.getKernel(spec.hostKernel, tf.getBackend())) {
      const [total, kd, ce] = tf.unstack(kernelLoss(tf, spec.hostKernel, inputs, { T, alpha, t2 })) as Scalar[];
      return { total: total!, parts: { kd: kd!, ce: ce! } };
    }
    const op = tf.customGrad((...args: (Tensor | ((save: Tensor[]) => void))[]) => {
      const [zs, save] = args as [Tensor, (save: Tensor[]) => void];
      const at = { ...inputs, studentLogits: zs as typeof studentLogits };
      // Kept for the backward (the tape disposes a forward's intermediates, such as z_s):
      // all made before this op, so keeping them allocates nothing.
      save([zs, teacherLogits, labels, ...(mask ? [mask] : []), ...(labelMask ? [labelMask] : [])]);
      // The forward of distribution.ts, value for value, in fewer kernels: tf.logSoftmax's own
      // ops without its no-op cast and custom-op wrapper, the one-hot made as float32 (not cast
      // to it), and at T = 1 the student's log-probabilities computed once for KD and CE.
      const logSoftmax = (z: Tensor) => {
        const shifted = tf.sub(z, tf.max(z, -1, true));
        return tf.sub(shifted, tf.log(tf.sum(tf.exp(shifted), -1, true)));
      };
      const logP = logSoftmax(T === 1 ? teacherLogits : tf.div(teacherLogits, T));
      const logQ = logSoftmax(T === 1 ? zs : tf.div(zs, T));
      const d = maskedMean(tf, spec.rows(tf, logP, logQ, params), mask);
      const kd = (t2 ? tf.mul(d, T * T) : d) as Scalar;
      const y = tf.oneHot(labels.dtype === 'int32' ? labels : tf.cast(labels, 'int32'), classes!, 1, 0, 'float32');
      const logS = T === 1 ? logQ : logSoftmax(zs);
      const ce = maskedMean(tf, tf.neg(tf.sum(tf.mul(y, logS), -1)), hardLabelRows(tf, at));
      const ceTerm = tf.mul(ce, 1 - alpha);
      const total = tf.add(ceTerm, tf.mul(kd, kdWeight(tf, alpha, at)));
      return {
        value: tf.stack([total, kd, ce]),
        gradFunc: (dy: Tensor, saved: Tensor[]) => {
          const [zs, teacherLogits, labels] = saved as [Tensor, Tensor, Tensor];
          const mask = inputs.mask && saved[3];
          const labelMask = inputs.labelMask && saved[mask ? 4 : 3];
          const at = { ...inputs, studentLogits: zs as typeof studentLogits, mask, labelMask } as LossInputs;
          const soft = (z: Tensor) => tf.softmax(T === 1 ? z : tf.div(z, T));
          const q = soft(zs);
          const sm = T === 1 ? q : tf.softmax(zs);
          const y = tf.oneHot(labels.dtype === 'int32' ? labels : tf.cast(labels, 'int32'), classes!, 1, 0, 'float32');
          const wKd = rowWeights(tf, mask, rows!);
          const wCe = rowWeights(tf, hardLabelRows(tf, at), rows!);
          const byRow = (g: Tensor, r: { column?: Tensor }) => (r.column ? tf.mul(g, r.column) : g);
          const gKd = byRow(spec.softGrad(tf, soft(teacherLogits), q), wKd);
          const gCe = byRow(tf.sub(sm, y), wCe);
          // [a, b] = [dT, dK, dC]·M: a weighs gCe, b weighs gKd (their number factors folded in).
          const [cCe, cKd] = [wCe.factor, wKd.factor * (t2 ? T : 1 / T)];
          const w = kdWeight(tf, alpha, at);
          const m0 = tf.tensor2d([(1 - alpha) * cCe, typeof w === 'number' ? w * cKd : 0, 0, cKd, cCe, 0], [3, 2]);
          const m = typeof w === 'number' ? m0 : tf.add(m0, tf.mul(tf.tensor2d([0, cKd, 0, 0, 0, 0], [3, 2]), w));
          const ab = tf.matMul(tf.reshape(dy, [1, 3]), m);
          const g = tf.reshape(tf.stack([gCe, gKd]), [2, rows! * classes!]);
          return [tf.reshape(tf.matMul(ab, g), [rows!, classes!])];
        },
      };
    });
    const [total, kd, ce] = tf.unstack(op(studentLogits)) as Scalar[];
    return { total: total!, parts: { kd: kd!, ce: ce! } };
  };
}
