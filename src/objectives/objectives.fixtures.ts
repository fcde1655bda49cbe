/**
 * Shared inputs of the objective tests (objectives.*.test.ts): the worked examples of the KD
 * reference (§5), token batches with masks, and a helper that runs an objective on plain arrays.
 */
import { tf } from '../test/tf';
import { defaultParams } from '.';
import type { ObjectiveDef, ObjectiveState } from './types';

export interface Case {
  zt: number[][];
  zs: number[][];
  y: number[];
  mask?: number[];
  labelMask?: number[];
  hs?: number[][];
  ht?: number[][];
  step?: number;
}

export const EX1: Case = { zt: [[2, 1, 0]], zs: [[1, 1, 1]], y: [0] };
export const EX3: Case = { zt: [[3, 1, -1, 0]], zs: [[1, 2, 0, 0]], y: [0] };
export const TOKENS: Case = {
  zt: [
    [2, 1, 0],
    [0, 0, 3],
    [1, 1, 1],
  ],
  zs: [
    [1, 1, 1],
    [0, 1, 2],
    [5, 0, 0],
  ],
  y: [0, 0, 0],
  mask: [1, 1, 0],
};
/**
 * Two sequences of three tokens, flattened to rows as the text task does ([B·T, V]), with
 * unequal numbers of valid tokens: masks [1, 1, 0] and [1, 0, 0]. The first is TOKENS; the
 * second is TOKENS' pairs in the order 3, 1, 2, so its one valid token is the pair whose
 * per-token FKL is 2.248107 (RKL 1.018743).
 */
export const TWO_SEQUENCES: Case = {
  zt: [...TOKENS.zt, TOKENS.zt[2]!, TOKENS.zt[0]!, TOKENS.zt[1]!],
  zs: [...TOKENS.zs, TOKENS.zs[2]!, TOKENS.zs[0]!, TOKENS.zs[1]!],
  y: [0, 0, 0, 0, 0, 0],
  mask: [1, 1, 0, 1, 0, 0],
};

/** Runs an objective on plain arrays and reads back the total and its parts. */
export async function evaluate(def: ObjectiveDef, c: Case, params: Record<string, number>, state?: ObjectiveState) {
  const all = { ...defaultParams(def), ...params };
  const r = tf.tidy(() => {
    const out = def.loss(
      tf,
      {
        studentLogits: tf.tensor2d(c.zs),
        teacherLogits: tf.tensor2d(c.zt),
        labels: tf.tensor1d(c.y, 'int32'),
        mask: c.mask ? tf.tensor1d(c.mask) : undefined,
        labelMask: c.labelMask ? tf.tensor1d(c.labelMask) : undefined,
        studentFeatures: c.hs ? tf.tensor2d(c.hs) : undefined,
        teacherFeatures: c.ht ? tf.tensor2d(c.ht) : undefined,
        step: c.step ?? 1_000_000,
        totalSteps: 1_000_000,
      },
      all,
      state,
    );
    return [out.total, ...def.components.map((k) => out.parts[k.key]!)];
  });
  const values = await Promise.all(r.map(async (t) => (await t.data())[0]!));
  r.forEach((t) => t.dispose());
  return { total: values[0]!, parts: Object.fromEntries(def.components.map((k, i) => [k.key, values[i + 1]!])) };
}

/** Pure divergence: α = 1 (no CE), no T² unless asked. */
export const pure = (extra: Record<string, number> = {}) => ({ alpha: 1, t2: 0, ...extra });
