/**
 * What a teacher-output pool keeps on the host, and the teacher targets a step rebuilds from
 * it. Plain arithmetic on typed arrays (no tfjs), so the unit tests check it value by value.
 *
 * Storage, per token of every pool window (the teacher's outputs at T = 1):
 * - full: the teacher's logits, V floats;
 * - top-k: the k largest log-probabilities log p_i = z_i − logsumexp(z) (float32) with their
 *   token ids (one byte), and the probability they keep, Σ p_i (float32). Ties go to the lower
 *   id, so the same logits always keep the same tokens.
 *
 * Targets, per token, as the "teacher logits" every objective reads (it takes softmax(z / T)):
 * - full: the stored logits, so a target at any T is exactly the teacher's softmax(z / T);
 * - top-k, `zero`: log p_i − log Σ_kept p for the kept tokens (renormalised: they sum to 1) and
 *   LOG_ZERO elsewhere. Tempered by the objective, that is p_i^(1/T) / Σ_kept p^(1/T) on the
 *   kept tokens and exactly 0 elsewhere: DistillKit's `zero` handling with a temperature change
 *   (distillkit/lossfuncs/common.py, get_target_logprobs);
 * - top-k, `symmetric_uniform`: log p_i for the kept tokens, and log(max(m / (V − k), 1e-8))
 *   for each of the others, m = 1 − Σ_kept p: the missing mass spread evenly, as DistillKit's
 *   densify does (distillkit/compression/densify.py, the same 1e-8 floor). At T = 1 the
 *   objective sees exactly these probabilities; at another T it tempers each missing token on
 *   its own, (m / (V − k))^(1/T), where DistillKit's sparse losses temper the missing mass as one
 *   bucket, m^(1/T): the two agree only at T = 1.
 */
import { LOG_ZERO, UNIFORM_FLOOR, logSumExp, missingRule, topKIndices } from '../../../lib/top-k';
import type { MissingProbability, PoolOutputs } from '../pool';

export { LOG_ZERO, UNIFORM_FLOOR };

export interface PoolStore {
  outputs: PoolOutputs;
  missing: MissingProbability;
  /** Vocabulary, tokens kept per position (V for full outputs), positions per window. */
  vocab: number;
  k: number;
  context: number;
  windows: number;
  /** Full outputs: logits, row-major [windows · context, vocab]. */
  logits?: Float32Array;
  /** Top-k outputs: ids and log-probabilities, [windows · context, k], and the kept mass per token. */
  ids?: Uint8Array;
  logProbs?: Float32Array;
  kept?: Float32Array;
}

export function createStore(
  spec: { outputs: PoolOutputs; k: number; missingProbability: MissingProbability },
  windows: number,
  context: number,
  vocab: number,
): PoolStore {
  if (vocab > 256) throw new Error('A teacher-output pool stores token ids in one byte: at most 256 symbols');
  const tokens = windows * context;
  // k at or above the vocabulary keeps everything: stored whole, as full outputs.
  const topK = spec.outputs === 'top-k' && spec.k < vocab;
  const k = topK ? spec.k : vocab;
  const base = { outputs: spec.outputs, missing: spec.missingProbability, vocab, k, context, windows };
  if (!topK) return { ...base, outputs: 'full', logits: new Float32Array(tokens * vocab) };
  return {
    ...base,
    ids: new Uint8Array(tokens * k),
    logProbs: new Float32Array(tokens * k),
    kept: new Float32Array(tokens),
  };
}

/** Bytes the store holds (the readout's "bytes per window" times the windows, without the starts). */
export const storeBytes = (s: PoolStore): number =>
  (s.logits?.byteLength ?? 0) + (s.ids?.byteLength ?? 0) + (s.logProbs?.byteLength ?? 0) + (s.kept?.byteLength ?? 0);

/** Stores the teacher's logits of `rows` consecutive tokens from token `first` on ([rows, vocab]). */
export function storeRows(s: PoolStore, first: number, logits: Float32Array): void {
  const V = s.vocab;
  const rows = logits.length / V;
  if (s.logits) {
    s.logits.set(logits, first * V);
    return;
  }
  const { k } = s;
  const top = new Int32Array(k);
  for (let r = 0; r < rows; r++) {
    const z = logits.subarray(r * V, (r + 1) * V);
    const lse = logSumExp(z);
    topKIndices(z, k, top);
    const row = first + r;
    let kept = 0;
    for (let j = 0; j < k; j++) {
      const lp = z[top[j]!]! - lse;
      s.ids![row * k + j] = top[j]!;
      s.logProbs![row * k + j] = lp;
      kept += Math.exp(lp);
    }
    s.kept![row] = Math.min(1, kept);
  }
}

/** Mean probability outside the stored top k over every token of the pool (0 for full outputs). */
export function truncatedMass(s: PoolStore): number {
  if (!s.kept) return 0;
  let sum = 0;
  for (let i = 0; i < s.kept.length; i++) sum += 1 - s.kept[i]!;
  return sum / s.kept.length;
}

/**
 * The teacher targets of the given pool windows, row-major [windows.length · context, vocab]
 * (see the file's head for what each kind of storage gives). `out` is reused when given.
 */
export function denseTargets(s: PoolStore, windows: readonly number[], out?: Float32Array): Float32Array {
  const { vocab: V, context: T, k } = s;
  const rows = windows.length * T;
  const dense = out && out.length === rows * V ? out : new Float32Array(rows * V);
  windows.forEach((w, b) => {
    if (s.logits) {
      dense.set(s.logits.subarray(w * T * V, (w + 1) * T * V), b * T * V);
      return;
    }
    for (let t = 0; t < T; t++) {
      const token = w * T + t;
      const at = (b * T + t) * V;
      const { shift, fill } = missingRule(s.kept![token]!, V, k, s.missing);
      dense.fill(fill, at, at + V);
      for (let j = 0; j < k; j++) dense[at + s.ids![token * k + j]!] = s.logProbs![token * k + j]! - shift;
    }
  });
  return dense;
}
