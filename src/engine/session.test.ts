import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, laneFor } from '../config/defaults';
import type { ExperimentConfig } from '../config/schema';
import { tf, useCpu } from '../test/tf';
import { Session, type FlushResult } from './session';

beforeAll(useCpu);

/** A small, quick variant of the default experiment. */
const small = (over: Partial<ExperimentConfig['train']> = {}): ExperimentConfig => ({
  ...DEFAULT_CONFIG,
  task: { ...DEFAULT_CONFIG.task, dataset: 'moons', points: 300 },
  teacher: { ...DEFAULT_CONFIG.teacher, model: { kind: 'mlp', hidden: [16], activation: 'relu' }, trainSteps: 100 },
  student: { kind: 'mlp', hidden: [4], activation: 'tanh' },
  train: { ...DEFAULT_CONFIG.train, batchSize: 32, evalEvery: 5, ...over },
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
    s.resetStudents();
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
    const width = s.lossColumns.length;
    const row = [...r.losses.slice(0, width)];
    // Lanes 0 and 1 run the same objective: identical columns; lane 2 differs.
    expect(row.slice(0, 3)).toEqual(row.slice(3, 6));
    expect(row[6]).not.toBe(row[0]);
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
