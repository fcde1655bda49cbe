/**
 * The cases of the tfjs ↔ PyTorch cross-check (objectives-crosscheck.test.ts): seeded random
 * batches for every objective, at its defaults and at settings that reach its other branches
 * (masks, label-free batches, saturated and tied logits, wide features for the blocked matMul,
 * a vocabulary of another size for ULD, several steps for TAID's state).
 */
import { createRng } from '../../lib/rng';

export interface Batch {
  zs: number[][];
  zt: number[][];
  y: number[];
  mask?: number[];
  labelMask?: number[];
  hs?: number[][];
  ht?: number[][];
  step: number;
  totalSteps: number;
}

export interface CrossCase {
  name: string;
  objective: string;
  /** Merged over the objective's defaults. */
  params: Record<string, number>;
  /** One batch per training step (TAID runs several, its state carried from step to step). */
  batches: Batch[];
  /** Feature widths for createState (FitNets). */
  featureDims?: [number, number];
}

interface BatchOptions {
  rows?: number;
  classes?: number;
  /** Teacher vocabulary size when it differs from the student's (ULD). */
  teacherClasses?: number;
  /** Standard deviation of the logits. */
  scale?: number;
  mask?: boolean;
  labelMask?: 'some' | 'none';
  features?: [number, number];
  /** Student row 0 equal to the teacher's (p = q there), student row 1 uniform (ties). */
  ties?: boolean;
  /** Rows 0 and 1 identical in both feature matrices (RKD's zero distances). */
  duplicateRows?: boolean;
  /** Teacher row 0 saturated on its label (1 − p_y = 0 in float32: DKD's clamp). */
  saturated?: boolean;
  step?: number;
  totalSteps?: number;
}

export function randomBatch(label: string, o: BatchOptions = {}): Batch {
  const rng = createRng(20240611, label);
  const rows = o.rows ?? 10;
  const classes = o.classes ?? 7;
  const scale = o.scale ?? 2;
  const matrix = (r: number, c: number, s: number) =>
    Array.from({ length: r }, () => Array.from({ length: c }, () => Math.fround(rng.normal() * s)));
  const zs = matrix(rows, classes, scale);
  const zt = matrix(rows, o.teacherClasses ?? classes, scale);
  const y = Array.from({ length: rows }, () => rng.int(classes));
  if (o.ties) {
    zs[0] = [...zt[0]!];
    zs[1] = zs[1]!.map(() => 0);
  }
  if (o.saturated) zt[0]![y[0]!] = 60;
  const ones = (p: number) => Array.from({ length: rows }, (_, i) => (i === 0 || rng.next() < p ? 1 : 0));
  const batch: Batch = { zs, zt, y, step: o.step ?? 5, totalSteps: o.totalSteps ?? 100 };
  if (o.mask) batch.mask = ones(0.7);
  if (o.labelMask === 'some') batch.labelMask = ones(0.5).map((v, i) => (i === 1 ? 0 : v));
  if (o.labelMask === 'none') batch.labelMask = batch.y.map(() => 0);
  if (o.features) {
    batch.hs = matrix(rows, o.features[0], 1);
    batch.ht = matrix(rows, o.features[1], 1);
    if (o.duplicateRows) {
      batch.hs[1] = [...batch.hs[0]!];
      batch.ht[1] = [...batch.ht[0]!];
    }
  }
  return batch;
}

const one = (name: string, objective: string, params: Record<string, number>, o: BatchOptions = {}): CrossCase => ({
  name,
  objective,
  params,
  batches: [randomBatch(`${objective}:${name}`, o)],
  featureDims: o.features,
});

const DIVERGENCES: [string, 0 | 1][] = [
  ['hinton', 1],
  ['reverse-kl', 0],
  ['jsd', 0],
  ['tvd', 0],
  ['skew-kl', 0],
  ['skew-reverse-kl', 0],
  ['ab', 0],
];

function divergenceCases(): CrossCase[] {
  return DIVERGENCES.flatMap(([id, t2]) => [
    one('defaults', id, {}),
    one(
      'T = 2.5, α = 0.6, T² flipped, masked, some labels',
      id,
      { T: 2.5, alpha: 0.6, t2: 1 - t2 },
      {
        mask: true,
        labelMask: 'some',
      },
    ),
    one('label-free batch, α = 0.7', id, { alpha: 0.7 }, { mask: true, labelMask: 'none' }),
    one('peaked logits (σ = 8), T = 0.5', id, { T: 0.5, alpha: 0.8 }, { scale: 8 }),
    one('a row equal to the teacher, a uniform row', id, { T: 1.5 }, { ties: true }),
  ]);
}

const FEATURES: [number, number] = [6, 5];
const WIDE: [number, number] = [64, 50];

/** Objective-specific settings beyond the shared ones. */
function specificCases(): CrossCase[] {
  return [
    ...[0, 0.2, 1].map((beta) => one(`β = ${beta}`, 'jsd', { beta, T: 2 })),
    ...['skew-kl', 'skew-reverse-kl'].flatMap((id) => [0, 0.5].map((skew) => one(`skew ${skew}`, id, { skew, T: 2 }))),
    ...[
      [0, 0],
      [0, 0.5],
      [1.5, 0],
      [1, 1],
      [0.2, 0.7],
      [0, 1],
      [1, 0],
      [1.2, 0.9],
    ].map(([abAlpha, abBeta]) =>
      one(`(α, β) = (${abAlpha}, ${abBeta})`, 'ab', { abAlpha: abAlpha!, abBeta: abBeta!, T: 2 }),
    ),
    one('defaults (step 5 of the warm-up)', 'dkd', {}),
    one('no warm-up, T = 1', 'dkd', { warmup: 0, T: 1 }),
    one(
      'T = 2, α = 0.5, β = 2, CE 0.3, masked, some labels',
      'dkd',
      { T: 2, alpha: 0.5, beta: 2, ceWeight: 0.3 },
      {
        mask: true,
        labelMask: 'some',
      },
    ),
    one('a saturated teacher row (the 1e-12 clamp), T = 1', 'dkd', { T: 1 }, { saturated: true }),
    one('peaked logits (σ = 8)', 'dkd', {}, { scale: 8 }),
    one('defaults', 'uld', {}),
    one(
      'teacher vocabulary 9, student 7, T = 2, λ = 1, CE 0.5, masked',
      'uld',
      { T: 2, lambda: 1, ceWeight: 0.5 },
      {
        teacherClasses: 9,
        mask: true,
        labelMask: 'some',
      },
    ),
    one('a row equal to the teacher, a uniform row (tied sort)', 'uld', {}, { ties: true }),
    one('peaked logits (σ = 8), teacher vocabulary 5', 'uld', {}, { scale: 8, teacherClasses: 5 }),
    one('defaults', 'baseline', {}),
    one('masked, some labels', 'baseline', {}, { mask: true, labelMask: 'some' }),
    one('label-free batch (CE 0)', 'baseline', {}, { labelMask: 'none' }),
    one('MSE, defaults', 'features', {}, { features: FEATURES }),
    one('cosine', 'features', { cosine: 1 }, { features: FEATURES }),
    one(
      'MSE, weight 3, masked, some labels',
      'features',
      { weight: 3 },
      {
        features: FEATURES,
        mask: true,
        labelMask: 'some',
      },
    ),
    one('MSE, 56 rows, widths 64 → 50 (blocked matMul)', 'features', {}, { features: WIDE, rows: 56 }),
    one('cosine, 56 rows, widths 64 → 50', 'features', { cosine: 1 }, { features: WIDE, rows: 56 }),
    one('defaults', 'rkd', {}, { features: FEATURES, rows: 8 }),
    one(
      'weights 10, 20, CE 0.5, masked (RKD reads no mask)',
      'rkd',
      {
        distanceWeight: 10,
        angleWeight: 20,
        ceWeight: 0.5,
      },
      { features: FEATURES, rows: 8, mask: true, labelMask: 'some' },
    ),
    one('20 rows, widths 64 and 50', 'rkd', {}, { features: WIDE, rows: 20 }),
    one('two identical rows (zero distances)', 'rkd', {}, { features: FEATURES, rows: 6, duplicateRows: true }),
  ];
}

/** TAID over several steps: its t, m and prev carried from step to step. */
function taidCases(): CrossCase[] {
  const steps = (name: string, n: number, o: BatchOptions) =>
    Array.from({ length: n }, (_, step) => randomBatch(`taid:${name}:${step}`, { ...o, step }));
  return [
    {
      name: 'defaults, 10 planned steps (linear target)',
      objective: 'taid',
      params: {},
      batches: steps('a', 5, { totalSteps: 10 }),
    },
    {
      name: 'rate 0.05, momentum 0.5, α = 0.8, masked, some labels (adaptive δ)',
      objective: 'taid',
      params: { rate: 0.05, momentum: 0.5, alpha: 0.8 },
      batches: steps('b', 5, { totalSteps: 1_000_000, mask: true, labelMask: 'some' }),
    },
    {
      name: 'label-free batches, α = 0.6, t from 0.2 to 0.9',
      objective: 'taid',
      params: { alpha: 0.6, tStart: 0.2, tEnd: 0.9, rate: 0.01 },
      batches: steps('c', 4, { totalSteps: 50, labelMask: 'none', ties: true }),
    },
  ];
}

export const crossCases = (): CrossCase[] => [...divergenceCases(), ...specificCases(), ...taidCases()];
