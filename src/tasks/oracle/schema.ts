import { z } from '../../config/zod';
import { int, num, oneOf } from '../../config/fields';

/** Where a student lane's inputs come from: a fixed offline pool, or fresh draws every step. */
export const ORACLE_DATA = ['pool', 'fresh'] as const;
export type OracleData = (typeof ORACLE_DATA)[number];

/**
 * Teacher hacking (Tiapkin et al., 2025) on a toy task: a seeded random MLP, the oracle, defines
 * p(class | x) on the plane; the teacher learns from labels drawn from it; the students distil
 * from the teacher on a fixed pool of inputs or on fresh ones.
 */
export const OracleTask = z.object({
  kind: z.literal('oracle'),
  classes: int('Classes', 2, 8),
  /** Hidden units in each of the oracle's two layers: how intricate the task is. */
  oracleWidth: int('Oracle width', 8, 256),
  /** Scale of the oracle's logits: low is a soft, uncertain task, high a nearly deterministic one. */
  sharpness: num('Oracle sharpness', 0.25, 10),
  /** Inputs the teacher is trained on, each with a class drawn from the oracle. */
  teacherPoints: int('Teacher points', 100, 20000),
  /** The offline pool's inputs (N). */
  pool: int('Pool size', 8, 5000),
  /** Held-out fresh inputs the metrics are measured on. */
  testPoints: int('Held-out points', 100, 5000),
  /** Each student lane's inputs, by lane (a lane past the list's end uses the pool). */
  laneData: z.array(oneOf('Inputs', ORACLE_DATA)).max(6, 'One entry per lane').default(['pool', 'fresh']),
});
export type OracleTask = z.infer<typeof OracleTask>;

/** Lane `i`'s inputs. */
export const laneDataOf = (task: OracleTask, lane: number): OracleData => task.laneData[lane] ?? 'pool';
