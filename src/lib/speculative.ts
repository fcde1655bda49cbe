/**
 * One round of speculative decoding's verification (Leviathan et al., 2023; Chen et al., 2023):
 * the student drafted γ tokens, the teacher scored them in one call, and this decides how many
 * stand and what the teacher writes after them.
 *
 * Sampling: draft x_i (drawn from q_i) is accepted with probability min(1, p_i(x_i) / q_i(x_i));
 * the first rejection is replaced by a draw from norm(max(0, p_i − q_i)), and the round ends. With
 * every draft accepted the teacher adds one token from p_{γ+1}. The text so made is distributed
 * exactly as the teacher's own samples. Greedy: a draft stands when it is the teacher's arg-max,
 * and the teacher's arg-max replaces the first that is not.
 *
 * Distributions are given as probabilities (float64, from the logits at T = 1 on the host).
 */
import type { Rng } from './rng';

export type DraftMode = 'sampling' | 'greedy';

export interface Verdict {
  /** Drafted tokens that stand, from the first. */
  accepted: number;
  /** The token the teacher adds after them: a correction, or the bonus token after a full draft. */
  next: number;
}

/** Softmax of logits at T = 1 in float64 (max subtracted). A row without a finite maximum is uniform. */
export function probabilities(logits: ArrayLike<number>): Float64Array {
  const p = new Float64Array(logits.length);
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) if (logits[i]! > max) max = logits[i]!;
  if (!Number.isFinite(max)) return p.fill(1 / logits.length);
  let total = 0;
  for (let i = 0; i < logits.length; i++) total += p[i] = Math.exp(logits[i]! - max);
  for (let i = 0; i < p.length; i++) p[i]! /= total;
  return p;
}

/** Lowest index of the largest value (as tf.argMax breaks ties). */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}

/** Inverse-CDF draw from unnormalised non-negative weights; the last index with mass on rounding. */
export function drawFrom(weights: ArrayLike<number>, u: number): number {
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i]!;
  const target = u * total;
  let cumulative = 0;
  for (let i = 0; i < weights.length; i++) {
    cumulative += weights[i]!;
    if (target < cumulative) return i;
  }
  for (let i = weights.length - 1; i > 0; i--) if (weights[i]! > 0) return i;
  return 0;
}

/** The residual distribution a rejection draws from, max(0, p − q) (unnormalised); p itself where p ≤ q everywhere. */
export function residual(p: ArrayLike<number>, q: ArrayLike<number>): Float64Array {
  const r = new Float64Array(p.length);
  let mass = 0;
  for (let i = 0; i < p.length; i++) mass += r[i] = Math.max(0, p[i]! - q[i]!);
  // p = q up to rounding: a rejection has probability 0 then, but rounding can still make one.
  return mass > 0 ? r : Float64Array.from(p);
}

/**
 * Verifies `draft` (γ tokens) against the teacher's distributions `p` (γ + 1 rows: one per draft
 * position and the one after) and the student's `q` (γ rows, those the drafts were drawn from).
 */
export function verifyDraft(
  draft: readonly number[],
  p: readonly ArrayLike<number>[],
  q: readonly ArrayLike<number>[],
  mode: DraftMode,
  rng: Rng,
): Verdict {
  if (p.length !== draft.length + 1 || q.length !== draft.length)
    throw new Error('verifyDraft: p needs γ + 1 rows and q γ rows');
  for (let i = 0; i < draft.length; i++) {
    const x = draft[i]!;
    const pi = p[i]!;
    if (mode === 'greedy') {
      const best = argmax(pi);
      if (best !== x) return { accepted: i, next: best };
      continue;
    }
    const qx = q[i]![x]!;
    const keep = qx <= 0 || rng.next() < Math.min(1, pi[x]! / qx);
    if (!keep) return { accepted: i, next: drawFrom(residual(pi, q[i]!), rng.next()) };
  }
  const last = p[draft.length]!;
  return { accepted: draft.length, next: mode === 'greedy' ? argmax(last) : drawFrom(last, rng.next()) };
}
