/**
 * The budget every experiment must fit: the schema's limits bound each value, this bounds
 * what the values cost together (a text batch of 1,024 windows is inside every limit and needs
 * 14 GB). The schema asks `budgetIssue` once a config is otherwise valid, so an experiment over
 * budget is refused wherever a config enters: a link's repair puts the named field back to its
 * default (with a notice), the control panel shows the message on the field, and the worker
 * never starts it. The message names what costs too much and what to lower.
 */
import { forTask } from '../tasks/registry';
import { deepEqual } from '../lib/equal';
import { getIn, setIn } from '../lib/path';
import { estimate, type Estimate } from './estimate';
import { fieldName, fieldText } from './field-labels';
import type { SizeField } from '../tasks/types';
import type { ExperimentConfig } from './schema';

export const BUDGET = {
  /**
   * Bytes of tensors at an experiment's peak. A browser tab (and WASM's heap) has a few GB at
   * most, shared with the page; every preset needs at most about half of this (text, 0.55 GB).
   */
  memory: 2 ** 30,
  /**
   * Multiply-adds the worker runs without a break: one tick of `stepsPerFrame` steps (with the
   * windows they generate and their evaluations), a chunk of the teacher's training, or filling
   * its cache. WASM, the slowest backend Auto picks here, does 4 to 5 billion a second on two
   * cores (README, Performance), so at most about 8 s in which the worker cannot answer. The
   * default text experiment's tick is 1.7 billion (3.9 on-policy, 33 with sequence-level KD,
   * where the teacher writes every window); filling the Fashion-MNIST teacher's cache is 16
   * (measured: the worker is silent 5 s then).
   */
  block: 40e9,
  /**
   * Multiply-adds of getting the teacher ready (training it here, filling its cache), which
   * the run bar shows in progress and can cancel: about four minutes on WASM. The presets need
   * at most 0.1 trillion (the text file's transformer teacher).
   */
  teacher: 1e12,
} as const;

type Measure = keyof typeof BUDGET;

/**
 * Each measure, and how a message says it (short: a link's notice quotes the first 120
 * characters; no brackets, since the notice and the field may put the message in some).
 */
const MEASURES: readonly { key: Measure; of: (e: Estimate) => number; says: (n: number, limit: number) => string }[] = [
  {
    key: 'memory',
    of: (e) => e.bytes.peak,
    says: (n, limit) => `Needs about ${bytesText(n)} of memory, over the ${bytesText(limit)} limit`,
  },
  {
    key: 'block',
    of: (e) => e.macs.block,
    says: (n, limit) =>
      `The worker would run ${macsText(n)} multiply-adds without a break, over the ${macsText(limit)} limit`,
  },
  {
    key: 'teacher',
    of: (e) => e.macs.teacher,
    says: (n, limit) => `The teacher needs about ${macsText(n)} multiply-adds, over the ${macsText(limit)} limit`,
  },
];

export interface BudgetIssue {
  path: (string | number)[];
  message: string;
}

/**
 * Why `cfg` does not fit the budget, naming one field to lower (bestLever) and, for a count,
 * the value that would fit; null when it fits.
 */
export function budgetIssue(
  cfg: ExperimentConfig,
  budget: Readonly<Record<Measure, number>> = BUDGET,
): BudgetIssue | null {
  const est = estimate(cfg);
  for (const m of MEASURES) {
    const value = m.of(est);
    if (!(value > budget[m.key])) continue;
    const cost = (c: ExperimentConfig) => m.of(estimate(c));
    const lever = bestLever(cfg, cost, budget[m.key]);
    const head = m.says(value, budget[m.key]);
    if (!lever) return { path: ['task'], message: `${head}: this data is too large for the studio` };
    const fits = lever.count ? largestFitting(cfg, lever.path, lever.to as number, cost, budget[m.key]) : null;
    const hint = fits === null ? '' : ` to ${fits} or ${lever.raise ? 'more' : 'less'}`;
    return { path: lever.path.split('.'), message: `${head}: ${lever.advice}${hint}` };
  }
  return null;
}

interface Lever {
  path: string;
  to: unknown;
  /** What to do, in words: "lower “Batch size”". */
  advice: string;
  /** The default is above the current value: raising the field is what lowers the cost. */
  raise: boolean;
  /** Any whole number in the field's range is valid: the message can say which one fits. */
  count: boolean;
}

/**
 * The fields of the sections every experiment has, in the order they are suggested (the batch
 * first, the race's students last); a task names its own (TaskDef.sizeFields). Each is named
 * as the control panel labels it (field-labels.ts).
 */
const FIELDS: Readonly<Record<string, SizeField>> = {
  'train.batchSize': { count: true },
  'train.stepsPerFrame': { count: true },
  'train.evalEvery': { count: true },
  'teacher.trainSteps': { count: true },
};
/** Last, the changes that replace the most: fewer students, another model (`advice`: said as it is). */
const LAST: [string, Candidate][] = [
  ['lanes', { advice: 'remove a student', count: false }],
  ['student', { advice: 'choose a smaller student', count: false }],
  ['teacher.model', { advice: 'choose a smaller teacher', count: false }],
];
const MODEL_FIELDS: Readonly<Record<string, SizeField>> = {
  hidden: { count: false },
  width: { count: true },
  layers: { count: true },
  // Heads must divide the width: not any whole number fits.
  heads: { count: false },
  filters: { count: false },
  window: { count: true },
  embed: { count: true },
};
const MODELS = ['student.', 'teacher.model.'] as const;

type Candidate = SizeField & { advice?: string };

/** Every field a person may lower to shrink `cfg`, in the order they are suggested. */
function candidates(cfg: ExperimentConfig): [path: string, field: Candidate][] {
  const out: [string, Candidate][] = Object.entries(FIELDS);
  for (const [key, f] of Object.entries(forTask(cfg.task).sizeFields)) out.push([`task.${key}`, f]);
  for (const prefix of MODELS) for (const [key, f] of Object.entries(MODEL_FIELDS)) out.push([`${prefix}${key}`, f]);
  return [...out, ...LAST];
}

/**
 * The field to put back to its value in the task's default experiment: the first (in the
 * order above) with which the experiment fits `limit`, else the one that lowers `cost` the
 * most. The repair, which puts an invalid field back to its default, then brings a link under
 * budget in as few and as gentle changes as it can.
 */
function bestLever(cfg: ExperimentConfig, cost: (c: ExperimentConfig) => number, limit: number): Lever | null {
  const defaults = forTask(cfg.task).defaults;
  let best: { lever: Lever; cost: number } | null = null;
  const now = cost(cfg);
  for (const [path, field] of candidates(cfg)) {
    const from = getIn(cfg, path);
    const to = getIn(defaults, path);
    if (from === undefined || to === undefined || deepEqual(from, to) || typeof from !== typeof to) continue;
    const c = cost(setIn(cfg, path, to));
    if (!(c < now) || (best && c >= best.cost)) continue;
    const raise = typeof from === 'number' && (to as number) > from;
    const name = fieldName(cfg, path);
    const advice = field.advice ?? `${raise ? 'raise' : 'lower'} ${name ? fieldText(name) : path}`;
    best = { lever: { path, to, advice, raise, count: field.count }, cost: c };
    if (c <= limit) break;
  }
  return best?.lever ?? null;
}

/**
 * The value nearest the current one, between it and the default, at which `cost` fits
 * `limit` (a whole number where the default is one), or null when only the default does.
 */
function largestFitting(
  cfg: ExperimentConfig,
  path: string,
  to: number,
  cost: (c: ExperimentConfig) => number,
  limit: number,
): number | null {
  const from = getIn(cfg, path) as number;
  if (!Number.isInteger(from) || !Number.isInteger(to)) return null;
  // Bisect between the default (fits) and the current value (does not): at most ~30 estimates.
  let fit = to;
  let over = from;
  while (Math.abs(over - fit) > 1) {
    const mid = Math.trunc((fit + over) / 2);
    if (cost(setIn(cfg, path, mid)) <= limit) fit = mid;
    else over = mid;
  }
  return fit === to ? null : fit;
}

/** Two significant figures at most, without a trailing ".0": 15, 1.1, 1. */
const figures = (x: number) => String(Number(x.toPrecision(2)));

/** "15 GB", "1 GB", "540 MB". */
export const bytesText = (n: number): string =>
  n >= 2 ** 30 ? `${figures(n / 2 ** 30)} GB` : `${figures(Math.max(1, n / 2 ** 20))} MB`;

/** "46 billion", "1.2 trillion". */
export const macsText = (n: number): string =>
  n >= 1e12
    ? `${figures(n / 1e12)} trillion`
    : n >= 1e9
      ? `${figures(n / 1e9)} billion`
      : `${figures(n / 1e6)} million`;
