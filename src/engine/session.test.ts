import { beforeAll, describe, expect, it } from 'vitest';
import { laneFor } from '../config/defaults';
import { TOY_CONFIG, type ToyExperiment } from '../tasks/toy2d/defaults';
import type { ExperimentConfig } from '../config/schema';
import { tf, useCpu } from '../test/tf';
import { Session, type FlushResult } from './session';

beforeAll(useCpu);

/** A small, quick variant of the default experiment. */
const small = (over: Partial<ExperimentConfig['train']> = {}): ToyExperiment => ({
  ...TOY_CONFIG,
  task: { ...TOY_CONFIG.task, dataset: 'moons', points: 300 },
  teacher: { ...TOY_CONFIG.teacher, model: { kind: 'mlp', hidden: [16], activation: 'relu' }, trainSteps: 100 },
  student: { kind: 'mlp', hidden: [4], activation: 'tanh' },
  train: { ...TOY_CONFIG.train, batchSize: 32, evalEvery: 5, ...over },
});

async function run(
  cfg: ExperimentConfig,
  steps: number,
): Promise<{ losses: number[]; evals: number[]; teacher: number[] }> {
  const s = await Session.create(cfg);
  const losses: number[] = [];
  const evals: number[] = [];
  for (let i = 0; i < steps; i++) s.trainStep();
  const r = await s.flush();
  losses.push(...r.losses);
  r.evals.forEach((e) => evals.push(...e.values));
  const teacher = [...s.teacherMetrics];
  s.dispose();
  return { losses, evals, teacher };
}

describe('Session', () => {
  it('is deterministic: the same config and seed give identical series', async () => {
    const a = await run(small(), 30);
    const b = await run(small(), 30);
    expect(a.losses).toEqual(b.losses);
    expect(a.evals).toEqual(b.evals);
    expect(a.teacher).toEqual(b.teacher);
    const c = await run({ ...small(), seed: 7 }, 30);
    expect(c.losses).not.toEqual(a.losses);
  });

  it('a teacher trained here has a weights hash: the same seed gives the same one, another seed another', async () => {
    const hash = async (cfg: ExperimentConfig) => {
      const s = await Session.create(cfg);
      const h = s.teacher.weightsHash;
      s.dispose();
      return h;
    };
    const a = await hash(small());
    expect(a).toMatch(/^[0-9a-f]{12}$/);
    expect(await hash(small())).toBe(a);
    expect(await hash({ ...small(), seed: 7 })).not.toBe(a);
    // Training changes it: the same initial weights trained for one step fewer hash differently.
    expect(await hash({ ...small(), teacher: { ...small().teacher, trainSteps: 99 } })).not.toBe(a);
  });

  it('the teacher cache changes speed, not maths', async () => {
    const cached = await run(small(), 20);
    const live = await run(small({ teacherCache: false }), 20);
    live.losses.forEach((v, i) => expect(v).toBeCloseTo(cached.losses[i]!, 5));
  });

  it('does not leak tensors across steps, flushes, evaluations and resets', async () => {
    const s = await Session.create(small());
    s.trainStep();
    await s.flush();
    const before = tf.memory().numTensors;
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 7; i++) s.trainStep();
      await s.flush();
      await s.viewLogits();
      expect(tf.memory().numTensors).toBe(before);
    }
    await s.resetStudents();
    s.trainStep();
    await s.flush();
    expect(tf.memory().numTensors).toBe(before);
    s.dispose();
  });

  it('disposes everything it made', async () => {
    const before = tf.memory().numTensors;
    const s = await Session.create(small());
    for (let i = 0; i < 5; i++) s.trainStep();
    await s.flush();
    s.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('distils: the student comes to agree with the teacher', async () => {
    const s = await Session.create({ ...small(), teacher: { ...small().teacher, trainSteps: 300 } });
    for (let i = 0; i < 400; i++) s.trainStep();
    const last = await s.flush();
    const final = last.evals.at(-1)!;
    expect(s.teacherMetrics[0]).toBeGreaterThan(0.9);
    expect(final.values[1]).toBeGreaterThan(0.9); // agreement
    s.dispose();
  });

  it('lanes start from identical weights and differ only through their objective', async () => {
    const cfg = { ...small(), lanes: [laneFor('hinton'), laneFor('hinton'), laneFor('baseline')] };
    const s = await Session.create(cfg);
    const w = await Promise.all(s.lanes.map((l) => l.student.variables[0]!.data()));
    expect([...w[1]!]).toEqual([...w[0]!]);
    expect([...w[2]!]).toEqual([...w[0]!]);
    for (let i = 0; i < 10; i++) s.trainStep();
    const r = await s.flush();
    const col = (lane: number, key: string) => {
      const j = r.columns.findIndex((c) => c.lane === lane && c.key === key);
      return r.steps.map((_, i) => r.losses[i * r.columns.length + j]!);
    };
    // Lanes 0 and 1 run the same objective: identical curves; lane 2 differs.
    expect(col(1, 'total')).toEqual(col(0, 'total'));
    expect(col(1, 'kd')).toEqual(col(0, 'kd'));
    expect(col(2, 'total')).not.toEqual(col(0, 'total'));
    s.dispose();
  });

  it('a race lane trains exactly as the same objective would alone', async () => {
    const curves = async (lanes: ReturnType<typeof laneFor>[]) => {
      const s = await Session.create({ ...small(), lanes });
      for (let i = 0; i < 25; i++) s.trainStep();
      const r = await s.flush();
      const w = await s.lanes[0]!.student.variables[0]!.data();
      s.dispose();
      return {
        losses: r.losses.filter((_, i) => r.columns[i % r.columns.length]!.lane === 0),
        evals: r.evals.map((e) => e.values[0]),
        w: [...w],
      };
    };
    const alone = await curves([laneFor('jsd')]);
    const raced = await curves([laneFor('jsd'), laneFor('reverse-kl'), laneFor('baseline')]);
    expect(raced.losses).toEqual(alone.losses);
    expect(raced.evals).toEqual(alone.evals);
    expect(raced.w).toEqual(alone.w);
  });

  it('switching a lane’s objective mid-run keeps its weights and step, and changes its loss parts', async () => {
    const s = await Session.create({ ...small(), lanes: [laneFor('hinton'), laneFor('baseline')] });
    for (let i = 0; i < 10; i++) s.trainStep();
    await s.flush();
    const before = [...(await s.lanes[0]!.student.variables[0]!.data())];
    const before1 = tf.memory().numTensors;
    s.applyLive({ ...s.config, lanes: [laneFor('taid'), laneFor('baseline')] });
    expect([...(await s.lanes[0]!.student.variables[0]!.data())]).toEqual(before);
    s.trainStep();
    const r = await s.flush();
    expect(s.step).toBe(11);
    expect(r.steps).toEqual([11]);
    expect(r.columns.filter((c) => c.lane === 0).map((c) => c.key)).toEqual(['total', 'kd', 'ce', 't', 'alpha']);
    const t = r.losses[r.columns.findIndex((c) => c.key === 't')]!;
    expect(t).toBeCloseTo(0.4, 6); // TAID starts its own state at t_start
    // TAID adds four state variables; its optimiser has no moments until the step above.
    expect(tf.memory().numTensors).toBeGreaterThan(before1);
    s.applyLive({ ...s.config, lanes: [laneFor('hinton'), laneFor('baseline')] });
    s.trainStep();
    await s.flush();
    s.dispose();
  });

  it('runs every objective, including feature-based ones, without leaking', async () => {
    const lanes = ['features', 'rkd', 'dkd', 'taid', 'ab', 'skew-reverse-kl'].map(laneFor);
    const s = await Session.create({ ...small(), student: { kind: 'mlp', hidden: [6], activation: 'tanh' }, lanes });
    s.trainStep();
    await s.flush();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 12; i++) s.trainStep();
    const r = await s.flush();
    expect(tf.memory().numTensors).toBe(before);
    expect([...r.losses].every(Number.isFinite)).toBe(true);
    expect(r.columns.filter((c) => c.kind === 'total')).toHaveLength(6);
    s.dispose();
  });

  it('stops a diverging run and restores the last good weights', async () => {
    const cfg = small({ optimizer: 'sgd', lr: 0.05, momentum: 0 });
    const s = await Session.create({ ...cfg, student: { ...cfg.student, activation: 'relu' } });
    for (let i = 0; i < 10; i++) s.trainStep();
    const ok = await s.flush();
    expect(ok.diverged).toBeUndefined();
    // An absurd learning rate makes the weights overflow within a few steps.
    s.applyLive({ ...s.config, train: { ...s.config.train, lr: 1e30 } });
    let r: FlushResult | undefined;
    for (let i = 0; i < 20 && !r?.diverged; i++) {
      for (let j = 0; j < 5; j++) s.trainStep();
      r = await s.flush();
    }
    expect(r?.diverged).toBeDefined();
    expect(r!.diverged!.restoredStep).toBeGreaterThanOrEqual(10);
    expect(s.step).toBe(r!.diverged!.restoredStep);
    expect([...r!.losses].every(Number.isFinite)).toBe(true);
    // Lower the learning rate and training goes on from the restored weights.
    s.applyLive({ ...s.config, train: { ...s.config.train, lr: 0.01 } });
    for (let i = 0; i < 5; i++) s.trainStep();
    const after = await s.flush();
    expect(after.diverged).toBeUndefined();
    expect([...after.losses].every(Number.isFinite)).toBe(true);
    s.dispose();
  });
});
