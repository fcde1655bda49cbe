/**
 * The shape most KD objectives share: a divergence D between the teacher's and the student's
 * softened distributions, mixed with the hard-label cross-entropy:
 *
 *   L = (1 − α)·CE(y, softmax(z_s)) + α·s·D(p, q),  p = softmax(z_t/T), q = softmax(z_s/T),
 *
 * with s = T² when "T² scaling" is on (classic KD code) and 1 otherwise (LLM KD code). On a
 * batch with no real labels (the student's own samples, on-policy) the divergence has weight 1
 * instead of α: there is no CE to mix with (`mixWithHardLabels`). Each objective module only
 * says what D is and which defaults its official code uses.
 */
import { hardLabelLoss, logSoftmaxT, maskedMean, mixWithHardLabels } from './divergences';
import { fusedDivergenceLoss, type FusibleSpec } from './fused-divergence';
import {
  defineObjective,
  type ObjectiveDef,
  type ParamSpec,
  type Paper,
  type Scalar,
  type Tensor,
  type Tf,
} from './types';

export interface DivergenceSpec {
  id: string;
  name: string;
  description: string;
  paper?: Paper;
  /** How the divergence is charted, e.g. "RKL(q‖p)". */
  label: string;
  /** Per-row divergence from log-probabilities of teacher (logP) and student (logQ). */
  rows(tf: Tf, logP: Tensor, logQ: Tensor, params: Readonly<Record<string, number>>): Tensor;
  /**
   * The row divergence's gradient with respect to the softened student logits u = z_s/T, when
   * it is a function of the two distributions p and q alone (forward KL: q − p). Given, the
   * objective also gets a `fusedLoss` with this gradient written out (fused-divergence.ts).
   */
  softGrad?(tf: Tf, p: Tensor, q: Tensor): Tensor;
  /**
   * The name of host kernels that compute this loss and its gradient in one go on the backends
   * that have them (cpu and wasm: engine/kd-kernels.ts); the fused loss uses them there.
   */
  hostKernel?: string;
  /** Official defaults: temperature, KD weight α, and whether the code scales by T². */
  defaults: { T: number; alpha: number; t2: 0 | 1 };
  extraParams?: ParamSpec[];
  /** See ObjectiveDef.infiniteWhereTeacherIsZero. */
  infiniteWhereTeacherIsZero?(params: Readonly<Record<string, number>>): boolean;
}

export function temperatureParam(T: number): ParamSpec {
  return {
    key: 'T',
    label: 'Temperature T',
    default: T,
    min: 0.1,
    max: 20,
    step: 0.1,
    help: 'Softens both distributions; higher T shows more of the teacher’s “dark knowledge”.',
  };
}

export function kdWeightParam(alpha: number): ParamSpec {
  return {
    key: 'alpha',
    label: 'KD weight α',
    default: alpha,
    min: 0,
    max: 1,
    step: 0.05,
    help: 'Weight of the distillation term; 1 − α weighs the hard-label cross-entropy. On batches without labels (on-policy samples) the distillation term has weight 1.',
  };
}

export function t2Param(on: 0 | 1): ParamSpec {
  return {
    key: 't2',
    label: 'T² scaling',
    default: on,
    min: 0,
    max: 1,
    step: 1,
    kind: 'toggle',
    help: 'Multiply the divergence by T² so its gradients keep their size as T changes (classic KD code does; LLM KD code does not).',
  };
}

export function defineDivergence(spec: DivergenceSpec): ObjectiveDef {
  return defineObjective({
    id: spec.id,
    name: spec.name,
    description: spec.description,
    paper: spec.paper,
    params: [
      temperatureParam(spec.defaults.T),
      kdWeightParam(spec.defaults.alpha),
      t2Param(spec.defaults.t2),
      ...(spec.extraParams ?? []),
    ],
    components: [
      { key: 'kd', label: spec.label },
      { key: 'ce', label: 'CE(y, q)' },
    ],
    needs: { teacher: true, sharedVocabulary: true },
    schedulable: { temperature: 'T', weight: 'alpha' },
    infiniteWhereTeacherIsZero: spec.infiniteWhereTeacherIsZero,
    loss(tf, inputs, params) {
      const { studentLogits, teacherLogits, mask } = inputs;
      if (!teacherLogits) throw new Error(`${spec.name} needs teacher logits`);
      const { T = spec.defaults.T, alpha = spec.defaults.alpha, t2 = spec.defaults.t2 } = params;
      const logP = logSoftmaxT(tf, teacherLogits, T);
      const logQ = logSoftmaxT(tf, studentLogits, T);
      const d = maskedMean(tf, spec.rows(tf, logP, logQ, params), mask);
      const kd = (t2 ? tf.mul(d, T * T) : d) as Scalar;
      const ce = hardLabelLoss(tf, inputs);
      const total = mixWithHardLabels(tf, ce, kd, alpha, inputs);
      return { total, parts: { kd, ce } };
    },
    fusedLoss: spec.softGrad ? fusedDivergenceLoss(spec as FusibleSpec) : undefined,
  });
}
