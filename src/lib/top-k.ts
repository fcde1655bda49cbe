/**
 * A teacher that gives only its top k: which classes it keeps, how much probability they keep,
 * what becomes of the rest, and what that costs to store. Shared by the text task's
 * teacher-output pool (tasks/text/engine/pool-store.ts, on the host) and by a lane's top-k
 * targets (engine/top-k-targets.ts, the same maths on tensors); pure, so the unit tests check it
 * value by value.
 *
 * What happens to the probability outside the top k is named after DistillKit's
 * `missing_probability_handling` (distillkit/lossfuncs/common.py):
 * - `zero`: the classes outside the top k get probability 0 and the kept k are renormalised to
 *   sum to 1 (DistillKit's sparse losses sum over the kept k of the renormalised target);
 * - `symmetric_uniform`: the kept k keep their probabilities and the missing mass is spread
 *   evenly over the other classes (DistillKit's densify, with its 1e-8 floor).
 */

export const MISSING_PROBABILITY = ['zero', 'symmetric_uniform'] as const;
export type MissingProbability = (typeof MISSING_PROBABILITY)[number];

/**
 * log 0 for the objectives: softmax((LOG_ZERO − c) / T) is exactly 0 in float32 for every
 * temperature the objectives allow (T ≤ 20: e^−500 underflows), yet finite, so p·log p is 0·finite
 * = 0 where −Infinity would give NaN.
 */
export const LOG_ZERO = -1e4;
/** The least probability `symmetric_uniform` gives a missing class (DistillKit's clamp). */
export const UNIFORM_FLOOR = 1e-8;

/**
 * The indices of the k largest values of `z`, largest first, into `out` (length k). Ties go to
 * the lower index, so the same logits always keep the same classes. Insertion: k · V comparisons
 * at worst, and no allocation, for the pool's millions of rows.
 */
export function topKIndices(z: ArrayLike<number>, k: number, out: Int32Array = new Int32Array(k)): Int32Array {
  let n = 0;
  for (let v = 0; v < z.length; v++) {
    if (n === k && !(z[v]! > z[out[k - 1]!]!)) continue;
    let i = n < k ? n++ : k - 1;
    while (i > 0 && z[v]! > z[out[i - 1]!]!) {
      out[i] = out[i - 1]!;
      i--;
    }
    out[i] = v;
  }
  return out;
}

/** log Σ e^z, stably. */
export function logSumExp(z: ArrayLike<number>): number {
  let max = -Infinity;
  for (let v = 0; v < z.length; v++) if (z[v]! > max) max = z[v]!;
  let sum = 0;
  for (let v = 0; v < z.length; v++) sum += Math.exp(z[v]! - max);
  return max + Math.log(sum);
}

/**
 * How the kept log-probabilities and the missing classes become a target's log-probabilities:
 * kept class i gets log p_i − shift, every other class gets fill. `kept` is Σ of the kept p.
 */
export function missingRule(
  kept: number,
  classes: number,
  k: number,
  missing: MissingProbability,
): { shift: number; fill: number } {
  if (missing === 'zero') return { shift: Math.log(kept), fill: LOG_ZERO };
  return { shift: 0, fill: Math.log(Math.max((1 - kept) / (classes - k), UNIFORM_FLOOR)) };
}

/** Whether keeping k of `classes` drops anything (0, or k at or above the classes, keeps all). */
export const truncatesAt = (k: number | undefined, classes: number): k is number =>
  k !== undefined && k > 0 && k < classes;

/**
 * One row of teacher logits as a top-k teacher gives it: the target's log-probabilities (what an
 * objective reads as "teacher logits": its softmax at T = 1 is the target) and the probability
 * the top k leave out. k at or above the classes keeps the row whole.
 */
export function truncateRow(
  logits: ArrayLike<number>,
  k: number,
  missing: MissingProbability,
): { target: Float64Array; truncatedMass: number } {
  const V = logits.length;
  const lse = logSumExp(logits);
  const target = new Float64Array(V);
  if (!truncatesAt(k, V)) {
    for (let v = 0; v < V; v++) target[v] = logits[v]! - lse;
    return { target, truncatedMass: 0 };
  }
  const top = topKIndices(logits, k);
  let kept = 0;
  for (let j = 0; j < k; j++) kept += Math.exp(logits[top[j]!]! - lse);
  kept = Math.min(1, kept);
  const { shift, fill } = missingRule(kept, V, k, missing);
  target.fill(fill);
  for (let j = 0; j < k; j++) target[top[j]!] = logits[top[j]!]! - lse - shift;
  return { target, truncatedMass: 1 - kept };
}

/**
 * Bytes one example's teacher outputs take when stored: the whole distribution is a float32 per
 * class; the top k are k float32 log-probabilities, k one-byte class ids (at most 256 classes)
 * and the float32 mass they keep, the layout of the text pool (pool-store.ts).
 */
export const topKBytes = (k: number | undefined, classes: number): number =>
  truncatesAt(k, classes) ? k * 5 + 4 : classes * 4;

/**
 * The probability the top k leave out, on average over rows of logits [rows, classes], for
 * every k from 0 to the classes (entry k; entry 0 is 1, the last 0): the readout's truncated
 * mass for any lane's k, measured once.
 */
export function tailMassCurve(logits: ArrayLike<number>, classes: number): number[] {
  const rows = Math.floor(logits.length / classes);
  const curve = new Array<number>(classes + 1).fill(0);
  const p = new Float64Array(classes);
  for (let r = 0; r < rows; r++) {
    let max = -Infinity;
    for (let v = 0; v < classes; v++) max = Math.max(max, logits[r * classes + v]!);
    let sum = 0;
    for (let v = 0; v < classes; v++) sum += p[v] = Math.exp(logits[r * classes + v]! - max);
    p.sort().reverse();
    let kept = 0;
    for (let k = 0; k <= classes; k++) {
      curve[k]! += Math.max(0, 1 - kept / sum);
      if (k < classes) kept += p[k]!;
    }
  }
  return curve.map((m) => (rows ? m / rows : 0));
}
