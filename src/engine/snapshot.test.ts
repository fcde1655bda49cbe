/** Host snapshots of the students (cpu backend): a run restored from one goes on exactly as it would have. */
import { beforeAll, describe, expect, it } from 'vitest';
import { laneFor } from '../config/defaults';
import type { ExperimentConfig } from '../config/schema';
import { TOY_CONFIG, type ToyExperiment } from '../tasks/toy2d/defaults';
import { tf, useCpu } from '../test/tf';
import { Session } from './session';
import { restoreSnapshot, snapshotMismatch, takeSnapshot } from './snapshot';

beforeAll(useCpu);

const small = (over: Partial<ExperimentConfig['train']> = {}): ToyExperiment => ({
  ...TOY_CONFIG,
  task: { ...TOY_CONFIG.task, dataset: 'moons', points: 300 },
  teacher: { ...TOY_CONFIG.teacher, model: { kind: 'mlp', hidden: [16], activation: 'relu' }, trainSteps: 60 },
  student: { kind: 'mlp', hidden: [8], activation: 'tanh' },
  // Two lanes, one with trainable objective state (a FitNets projection), and evaluations.
  lanes: [laneFor('hinton'), laneFor('features')],
  train: { ...TOY_CONFIG.train, batchSize: 32, evalEvery: 5, ...over },
});

async function steps(s: Session, n: number): Promise<number[]> {
  for (let i = 0; i < n; i++) s.trainStep();
  const r = await s.flush();
  return [...r.losses, ...r.evals.flatMap((e) => [...e.values])];
}

describe('student snapshots', () => {
  for (const optimizer of ['adam', 'sgd'] as const) {
    it(`a session restored from a snapshot trains on bit for bit (${optimizer})`, async () => {
      const cfg = small({ optimizer, momentum: 0.9 });
      const a = await Session.create(cfg);
      await steps(a, 23);
      const snap = await takeSnapshot(a);
      expect(snap.step).toBe(23);
      expect(snap.teacherWeights?.length).toBeGreaterThan(0);
      const expected = await steps(a, 17);

      // Another session: the teacher comes from the snapshot, not from training.
      const before = tf.memory().numTensors;
      const b = await Session.create(cfg, { teacherWeights: snap.teacherWeights });
      expect(b.teacher.weightsHash).toBe(a.teacher.weightsHash);
      expect(snapshotMismatch(b, snap)).toBeNull();
      await restoreSnapshot(b, snap);
      expect(b.step).toBe(23);
      // The restored step's evaluation, then the same steps as the original run.
      await b.flush();
      expect(await steps(b, 17)).toEqual(expected);
      b.dispose();
      expect(tf.memory().numTensors).toBe(before);
      a.dispose();
    });
  }

  it('refuses a snapshot of other students, in words', async () => {
    const a = await Session.create(small());
    await steps(a, 3);
    const snap = await takeSnapshot(a);
    await a.resetStudents({ ...small(), lanes: [laneFor('hinton')] });
    expect(snapshotMismatch(a, snap)).toBe('they hold 2 students and this experiment has 1');
    await a.resetStudents({ ...small(), student: { kind: 'mlp', hidden: [5], activation: 'tanh' } });
    expect(snapshotMismatch(a, snap)).toBe('student 1 has another architecture');
    await a.resetStudents(small({ optimizer: 'sgd', momentum: 0.5 }));
    expect(snapshotMismatch(a, snap)).toBe('they were trained with another optimiser');
    await expect(restoreSnapshot(a, snap)).rejects.toThrow(/do not fit this experiment/);
    a.dispose();
  });
});
