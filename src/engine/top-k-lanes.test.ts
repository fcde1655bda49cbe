/**
 * Top-k lanes in the real engine (cpu) and the schema: a lane that keeps the teacher's top 1
 * learns from other targets than the lane beside it that keeps all, with no tensor growth; the
 * schema refuses k above the classes, a top k on a language task, and reverse KL from
 * renormalised targets; links carry the fields and old lanes stay as they were.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { forwardKl, lane } from '../config/lanes';
import { validateConfig, type ExperimentConfig } from '../config/schema';
import { TEXT_CONFIG } from '../tasks/text/defaults';
import { TOY_CONFIG } from '../tasks/toy2d/defaults';
import { decodeLink, encodeLink } from '../share/link';
import { tf, useCpu } from '../test/tf';
import { comparesK, topKPoints } from '../ui/charts/top-k-points';
import { Session } from './session';

beforeAll(useCpu);

/** The spiral of 3 arms, small: three classes, so a top 1 drops something. */
const toy = (lanes: ExperimentConfig['lanes']): ExperimentConfig => ({
  ...TOY_CONFIG,
  task: { ...TOY_CONFIG.task, points: 300 },
  teacher: { ...TOY_CONFIG.teacher, model: { kind: 'mlp', hidden: [16], activation: 'relu' }, trainSteps: 100 },
  student: { kind: 'mlp', hidden: [4], activation: 'tanh' },
  train: { ...TOY_CONFIG.train, batchSize: 32, evalEvery: 5 },
  lanes,
});

const errorsOf = (cfg: unknown) => {
  const r = validateConfig(cfg);
  return r.ok ? [] : r.errors.map((e) => `${e.path}: ${e.message}`);
};

describe('top-k lanes', () => {
  it('train from the truncated targets, differ from the whole-distribution lane, and leak nothing', async () => {
    const cfg = toy([forwardKl(), { ...forwardKl(), teacherTopK: 1 }, { ...forwardKl(), teacherTopK: 3 }]);
    expect(errorsOf(cfg)).toEqual([]);
    const s = await Session.create(cfg);
    expect(s.lanes.map((l) => l.topK)).toEqual([undefined, { k: 1, missing: 'zero' }, undefined]);
    s.trainStep();
    await s.flush();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 10; i++) s.trainStep();
    const r = await s.flush();
    expect(tf.memory().numTensors).toBe(before);
    const cols = r.columns;
    const last = r.losses.slice(-cols.length);
    const total = (lane: number) => last[cols.findIndex((c) => c.lane === lane && c.kind === 'total')]!;
    // k = 3 of 3 classes is the whole distribution: bit for bit lane 0; the top 1 is not.
    expect(Number.isFinite(total(0))).toBe(true);
    expect(total(2)).toBe(total(0));
    expect(total(1)).not.toBeCloseTo(total(0), 3);
    s.dispose();
  });

  it('are refused in words where they cannot run', () => {
    expect(errorsOf(toy([{ ...forwardKl(), teacherTopK: 4 }]))).toEqual([
      'lanes.0.teacherTopK: Teacher top k must be at most the classes (3)',
    ]);
    expect(errorsOf(toy([{ ...lane('reverse-kl'), teacherTopK: 1 }]))[0]).toMatch(
      /^lanes\.0\.objective: Reverse KL \(MiniLLM\) is infinite where the teacher gives a token no probability/,
    );
    expect(errorsOf(toy([{ ...lane('reverse-kl'), teacherTopK: 1, missingProbability: 'symmetric_uniform' }]))).toEqual(
      [],
    );
    const text = { ...TEXT_CONFIG, lanes: [{ ...TEXT_CONFIG.lanes[0]!, teacherTopK: 4 }] };
    expect(errorsOf(text)[0]).toMatch(
      /^lanes\.0\.teacherTopK: A language task keeps the teacher’s top k in its teacher-output pool/,
    );
  });

  it('travel in links; a lane without them opens without them', () => {
    const cfg = toy([forwardKl(), { ...forwardKl(), teacherTopK: 2, missingProbability: 'symmetric_uniform' }]);
    const back = decodeLink(encodeLink(cfg, {}));
    if (!back.ok) throw new Error(back.error);
    expect(back.notices).toEqual([]);
    expect(back.config.lanes).toEqual(cfg.lanes);
    expect(Object.keys(back.config.lanes[0]!)).toEqual(['objective', 'params', 'schedule']);
  });

  it('give the against-k chart its points: k, bytes, truncated mass and the latest metrics', () => {
    const lanes = [forwardKl(), { ...forwardKl(), teacherTopK: 1 }];
    expect(comparesK(lanes, 10)).toBe(true);
    expect(comparesK([forwardKl(), { ...forwardKl(), teacherTopK: 10 }], 10)).toBe(false);
    const tail = Array.from({ length: 11 }, (_, k) => 1 - k / 10);
    const points = topKPoints(lanes, 10, tail, (l, m) => (m === 'ece' ? 0.01 * (l + 1) : undefined));
    expect(points.map((p) => [p.k, p.bytes, p.truncated, p.missing, p.ece])).toEqual([
      [10, 40, 0, '—', 0.01],
      [1, 9, 0.9, 'zero', 0.02],
    ]);
  });
});
