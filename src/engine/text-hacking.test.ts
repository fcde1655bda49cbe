/**
 * Teacher hacking on the text task, in Node on the cpu backend with the shipped corpus and
 * teacher: with a pool's `lanes`, a lane on fresh windows trains beside a lane on the pool's,
 * each exactly as it would alone (same windows, same evaluations), with one teacher pass per
 * step for the fresh lane only; the hacking chart's distances read the right columns.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { TEXT_CONFIG, TEXT_STUDENTS, type TextExperiment } from '../tasks/text/defaults';
import { DEFAULT_POOL, type PoolLaneData } from '../tasks/text/pool';
import { validateConfig } from '../config/schema';
import { forwardKl } from '../config/lanes';
import { laneColumn } from '../lib/columns';
import { hackingLanes } from '../tasks/oracle/hacking';
import { fsAssets } from '../test/assets';
import { tf, useCpu } from '../test/tf';
import { Session } from './session';

beforeAll(useCpu);

const STEPS = 6;

const config = (lanes: PoolLaneData[] | undefined, pooled = true): TextExperiment => ({
  ...TEXT_CONFIG,
  task: {
    ...TEXT_CONFIG.task,
    context: 16,
    evalWindows: 8,
    pool: pooled ? { ...DEFAULT_POOL, size: 16, outputs: 'full', lanes } : undefined,
  },
  student: TEXT_STUDENTS.tinyTransformer.spec,
  lanes: (lanes ?? ['pool']).map(() => forwardKl()),
  train: { ...TEXT_CONFIG.train, batchSize: 4, evalEvery: 3, lr: 0.01 },
});

async function run(cfg: TextExperiment) {
  const s = await Session.create(cfg, { assets: fsAssets });
  let passes = 0;
  const forward = s.teacher.model.forward.bind(s.teacher.model);
  s.teacher.model.forward = (x, training) => {
    passes++;
    return forward(x, training);
  };
  // The first step makes the optimisers' slots: the count is flat from then on.
  s.trainStep();
  const first = await s.flush();
  const before = tf.memory().numTensors;
  for (let i = 1; i < STEPS; i++) s.trainStep();
  const rest = await s.flush();
  const r = { evals: [...first.evals, ...rest.evals] };
  const after = tf.memory().numTensors;
  const cols = s.evalColumns.map((c) => c.id);
  s.dispose();
  // Per evaluation, each lane's values in the order of the columns.
  const lane = (l: number) => r.evals.map((e) => Array.from(e.values.slice(l * cols.length, (l + 1) * cols.length)));
  return { passes, cols, lane, leaked: after - before, steps: r.evals.map((e) => e.step) };
}

describe('text teacher hacking: a pool lane beside a fresh lane', { timeout: 300_000 }, () => {
  it('trains each lane as it would alone, runs the teacher for the fresh lane only, and charts the right columns', async () => {
    expect(validateConfig(config(['pool', 'fresh'])).ok).toBe(true);
    const mixed = await run(config(['pool', 'fresh']));
    const poolAlone = await run(config(undefined));
    const freshAlone = await run(config(undefined, false));
    // One teacher pass per step: the fresh lane's windows; the pool lane uses the stored outputs.
    expect(mixed.passes).toBe(STEPS);
    expect(poolAlone.passes).toBe(0);
    expect(mixed.leaked).toBe(0);
    expect(mixed.lane(0)).toEqual(poolAlone.lane(0));
    // The fresh run has no pool probe: its columns are the first ones of the mixed run's.
    const held = freshAlone.cols.length;
    expect(mixed.cols.slice(0, held)).toEqual(freshAlone.cols);
    expect(mixed.lane(1).map((v) => v.slice(0, held))).toEqual(freshAlone.lane(0));

    // The chart: the pool lane's proxy is its pool KL, the fresh lane's the held-out KL; golden is the held-out KL.
    const columns: Record<string, number[]> = {};
    for (const l of [0, 1])
      mixed.cols.forEach((id, c) => (columns[laneColumn(l, id)] = mixed.lane(l).map((v) => v[c]!)));
    const [pool, fresh] = hackingLanes(
      { steps: mixed.steps, column: (name) => columns[name] },
      ['pool', 'fresh'],
      'kl',
    );
    const at = (l: number, id: string) => mixed.lane(l).map((v) => v[mixed.cols.indexOf(id)]!);
    const later = (xs: number[]) => xs.filter((_, i) => mixed.steps[i]! > 0);
    expect(pool!.proxy).toEqual(later(at(0, 'poolKl')));
    expect(pool!.golden).toEqual(later(at(0, 'kl')));
    expect(fresh!.proxy).toEqual(later(at(1, 'kl')));
    expect(fresh!.golden).toEqual(later(at(1, 'kl')));
    expect(pool!.proxy.every((v) => v > 0 && Number.isFinite(v))).toBe(true);
    expect(pool!.proxy).not.toEqual(pool!.golden);
  });
});
