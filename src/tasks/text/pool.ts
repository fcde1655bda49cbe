/**
 * The teacher-output pool of a language task, in its pure part: a fixed set of training windows
 * whose teacher outputs are computed once, before training, and reused by every step instead of
 * a teacher forward pass on fresh random windows (engine/pool-build.ts fills it). Stored whole,
 * or as the top k log-probabilities per token, as DistillKit stores teacher outputs offline;
 * what happens to the probability outside the top k is named after DistillKit's
 * `missing_probability_handling`.
 *
 * In the config the pool is an optional section (`task.pool`): absent means fresh windows, which
 * is what every experiment and link made before it meant, so old links open unchanged.
 */
import { z } from '../../config/zod';
import { int, oneOf } from '../../config/fields';
import { MISSING_PROBABILITY } from '../../lib/top-k';

export const POOL_OUTPUTS = ['full', 'top-k'] as const;
/** Where a student lane's windows come from when a pool is on. */
export const POOL_LANE_DATA = ['pool', 'fresh'] as const;
export type PoolLaneData = (typeof POOL_LANE_DATA)[number];
export type PoolOutputs = (typeof POOL_OUTPUTS)[number];

/** What becomes of the probability outside the top k (src/lib/top-k.ts, named after DistillKit). */
export { MISSING_PROBABILITY, type MissingProbability } from '../../lib/top-k';
/** Windows a pool holds at least and at most (4,096 full windows of 64 tokens are 51 MB). */
export const POOL_SIZE_RANGE = [16, 4096] as const;

export const TeacherPool = z.object({
  /** Windows in the pool, drawn once from the seed. */
  size: int('Pool size', POOL_SIZE_RANGE[0], POOL_SIZE_RANGE[1]).default(512),
  /** The teacher's whole distribution per token, or only its top k. */
  outputs: oneOf('Stored teacher outputs', POOL_OUTPUTS).default('top-k'),
  /** Tokens kept per position with top-k outputs (at most the vocabulary; the task checks). */
  k: int('Top k', 1, 256).default(8),
  missingProbability: oneOf('Missing probability', MISSING_PROBABILITY).default('zero'),
  /**
   * Each student lane's windows, by lane: the pool's, or fresh ones (with a teacher pass) beside
   * it, as the oracle task's teacher hacking compares them. Absent, or past its end: the pool.
   */
  lanes: z.array(oneOf('Windows', POOL_LANE_DATA)).max(6, 'One entry per lane').optional(),
});
export type TeacherPool = z.infer<typeof TeacherPool>;

/** The pool a person switches on: every field at its default. */
export const DEFAULT_POOL: TeacherPool = TeacherPool.parse({});

/** Lane `i`'s windows with `pool` on. */
export const poolLaneData = (pool: TeacherPool, lane: number): PoolLaneData => pool.lanes?.[lane] ?? 'pool';

/** Whether the stored outputs drop tokens: top-k with k below the vocabulary. */
export const truncates = (pool: TeacherPool, vocab: number): boolean => pool.outputs === 'top-k' && pool.k < vocab;

/** Whether the targets give some tokens exactly zero probability (top-k, renormalised). */
export const hasZeros = (pool: TeacherPool | undefined, vocab: number): boolean =>
  Boolean(pool && truncates(pool, vocab) && pool.missingProbability === 'zero');

/**
 * Bytes the pool keeps per window of `context` tokens (engine/pool-build.ts): full outputs are
 * the teacher's logits (float32 per token and class); top-k outputs are k log-probabilities
 * (float32) and their token ids (one byte: every language vocabulary has at most 256 symbols)
 * per token, and the mass they keep (float32). A window itself is one start offset (int32).
 */
export function poolBytesPerWindow(pool: TeacherPool, context: number, vocab: number): number {
  const perToken = pool.outputs === 'full' || !truncates(pool, vocab) ? vocab * 4 : pool.k * 5 + 4;
  return context * perToken + 4;
}

/** Pool windows evaluated beside the held-out ones (as many, so the two are equally noisy). */
export const poolProbeWindows = (pool: TeacherPool, evalWindows: number): number => Math.min(pool.size, evalWindows);

/** What a pool's targets lack (TaskDef.teacherSignals): features always, probability outside the top k when renormalised. */
export const poolSignals = (pool: TeacherPool | undefined, vocab: number) => ({
  teacherFeatures: !pool,
  teacherZeros: hasZeros(pool, vocab),
});

/** A pool's own problems with the task (the objectives' are the schema's: SignalContext). */
export function poolIssues(task: { pool?: TeacherPool }, vocab: number): { path: string[]; message: string }[] {
  if (task.pool?.outputs === 'top-k' && task.pool.k > vocab)
    return [{ path: ['task', 'pool', 'k'], message: `Top k must be at most the vocabulary (${vocab} characters)` }];
  return [];
}
