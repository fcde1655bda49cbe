/** The teacher assistant (issue 17 §2): distilled from the teacher in preparation, frozen in its place. */
import { beforeAll, describe, expect, it } from 'vitest';
import { TOY_CONFIG, type ToyExperiment } from '../tasks/toy2d/defaults';
import { validateConfig } from '../config/schema';
import { tf, useCpu } from '../test/tf';
import { Session } from './session';

beforeAll(useCpu);

const small = (assistant?: { hidden: number[]; steps: number }): ToyExperiment => ({
  ...TOY_CONFIG,
  task: { ...TOY_CONFIG.task, dataset: 'moons', points: 300 },
  teacher: {
    ...TOY_CONFIG.teacher,
    model: { kind: 'mlp', hidden: [16], activation: 'relu' },
    trainSteps: 150,
    ...(assistant && { assistant }),
  },
  student: { kind: 'mlp', hidden: [4], activation: 'tanh' },
  train: { ...TOY_CONFIG.train, batchSize: 32, evalEvery: 5 },
});

describe('a teacher assistant', () => {
  it('replaces the teacher: the lanes learn from a distilled MLP, the same one on the same seed', async () => {
    const direct = await Session.create(small());
    const directHash = direct.teacher.weightsHash;
    const directParams = direct.teacher.model.variables.reduce((n, v) => n + v.size, 0);
    direct.dispose();
    const before = tf.memory().numTensors;

    const a = await Session.create(small({ hidden: [8], steps: 200 }));
    // 2→8→2 (moons has two classes): 2·8 + 8 + 8·2 + 2 weights, not the teacher’s 2→16→2.
    expect(a.teacher.model.variables.reduce((n, v) => n + v.size, 0)).toBe(42);
    expect(directParams).toBe(82);
    expect(a.teacher.weightsHash).not.toBe(directHash);
    expect(a.teacher.trainedWeights).toHaveLength(42);
    // It learnt from the teacher: far better than chance on the held-out moons.
    expect(a.teacherMetrics[0]).toBeGreaterThan(0.8);
    const hash = a.teacher.weightsHash;
    const weights = a.teacher.trainedWeights!;
    a.dispose();
    expect(tf.memory().numTensors).toBe(before);

    const again = await Session.create(small({ hidden: [8], steps: 200 }));
    expect(again.teacher.weightsHash).toBe(hash);
    again.dispose();
    // A run going on elsewhere takes the saved assistant as it was, without the teacher.
    const restored = await Session.create(small({ hidden: [8], steps: 200 }), { teacherWeights: weights });
    expect(restored.teacher.weightsHash).toBe(hash);
    restored.dispose();
  });

  it('is refused for text students, with a message', () => {
    const v = validateConfig({
      ...small({ hidden: [8], steps: 10 }),
      student: { kind: 'window-mlp', window: 4, embed: 8, hidden: [16], activation: 'relu' },
    });
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.errors.map((e) => e.message).join(' ')).toMatch(/teacher assistant/i);
  });
});
