/**
 * A sweep's grid: the values an axis takes (typed as a list "0.5, 1, 2" or a range
 * "1..8 step 1"), the cartesian product of one or two axes, each point on every seed, and the
 * experiment one run trains (the base with the point's values set). Pure: no tfjs, no DOM.
 */
import type { ExperimentConfig } from '../config/schema';
import { setPath } from '../share/diff';
import type { SweepSpec, SweepValue } from './types';

/** More points than this is a night's work in a browser tab: refused with a message. */
export const MAX_RUNS = 400;
const MAX_VALUES = 50;

export type Parsed = { ok: true; values: number[] } | { ok: false; error: string };

const RANGE = /^\s*(-?[\d.eE+-]+)\s*\.\.\s*(-?[\d.eE+-]+)\s*(?:step\s+(-?[\d.eE+-]+))?\s*$/i;

/** Rounds away float noise from a range's steps (0.1 + 0.2 is 0.3, not 0.30000000000000004). */
const tidy = (v: number) => Number(v.toPrecision(12));

/** "0.5, 1, 2" or "1..8 step 1" (step 1 when left out) into numbers, or a message saying what is wrong. */
export function parseValues(text: string): Parsed {
  const range = RANGE.exec(text);
  if (range) {
    const [from, to, step] = [Number(range[1]), Number(range[2]), range[3] === undefined ? 1 : Number(range[3])];
    if (![from, to, step].every(Number.isFinite))
      return { ok: false, error: `“${text.trim()}” is not a range of numbers.` };
    if (step <= 0) return { ok: false, error: 'A range’s step must be above 0.' };
    if (to < from) return { ok: false, error: `A range goes up: ${from}..${to} is empty.` };
    const count = Math.floor((to - from) / step + 1e-9) + 1;
    if (count > MAX_VALUES) return { ok: false, error: `That range has ${count} values; at most ${MAX_VALUES}.` };
    return { ok: true, values: Array.from({ length: count }, (_, i) => tidy(from + i * step)) };
  }
  const parts = text
    .split(/[,;\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (parts.length === 0)
    return { ok: false, error: 'Give values: a list such as “0.5, 1, 2” or a range such as “1..8 step 1”.' };
  const values = parts.map(Number);
  const bad = parts.find((_, i) => !Number.isFinite(values[i]));
  if (bad !== undefined) return { ok: false, error: `“${bad}” is not a number.` };
  if (values.length > MAX_VALUES) return { ok: false, error: `${values.length} values; at most ${MAX_VALUES}.` };
  return { ok: true, values: [...new Set(values)] };
}

/** `count` seeds from `first` on: first, first + 1, ... */
export const seedsFrom = (first: number, count: number): number[] => Array.from({ length: count }, (_, i) => first + i);

/** Every point of the grid, the first axis varying slowest. */
export function gridPoints(spec: Pick<SweepSpec, 'axes'>): SweepValue[][] {
  return spec.axes.reduce<SweepValue[][]>(
    (points, axis) => points.flatMap((p) => axis.values.map((v) => [...p, v])),
    [[]],
  );
}

/** One run of the sweep: a point (by index in gridPoints) on one seed. */
export interface PlannedRun {
  point: number;
  values: SweepValue[];
  seed: number;
}

/** Every run, point by point, each point on every seed in the spec's order. */
export function plannedRuns(spec: SweepSpec): PlannedRun[] {
  return gridPoints(spec).flatMap((values, point) => spec.seeds.map((seed) => ({ point, values, seed })));
}

/** The experiment one run trains: the base with the point's values at their paths, the run's seed and the sweep's budget. */
export function runConfig(
  base: ExperimentConfig,
  spec: SweepSpec,
  values: SweepValue[],
  seed: number,
): ExperimentConfig {
  const cfg = structuredClone(base);
  spec.axes.forEach((axis, i) => {
    if (!setPath(cfg, axis.path, values[i])) throw new Error(`The sweep cannot set ${axis.path}`);
  });
  cfg.seed = seed;
  cfg.train = { ...cfg.train, steps: spec.steps, evalEvery: finalEvalEvery(spec.steps) };
  return cfg;
}

/** An evaluation interval that lands on the last step (only the final evaluation is kept): the largest divisor of `steps` the schema allows. */
export function finalEvalEvery(steps: number): number {
  for (let d = Math.min(steps, 1000); d > 1; d--) if (steps % d === 0) return d;
  return 1;
}

/** Why a spec cannot run, or null: no axis, too many axes or runs, an empty axis, no seed. */
export function specProblem(spec: SweepSpec): string | null {
  if (spec.axes.length > 2) return 'A sweep varies one or two settings.';
  if (spec.axes.some((a) => a.values.length === 0)) return 'Every varied setting needs at least one value.';
  if (spec.seeds.length === 0) return 'Give at least one seed.';
  if (!Number.isInteger(spec.steps) || spec.steps < 1) return 'Steps per run must be a whole number above 0.';
  const runs = gridPoints(spec).length * spec.seeds.length;
  if (runs > MAX_RUNS) return `That is ${runs} runs; at most ${MAX_RUNS}. Fewer values or seeds.`;
  return null;
}
