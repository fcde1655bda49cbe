/** The oracle task through the real engine (cpu): its eval columns, its lanes' inputs, no leaks. */
import { beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../engine/session';
import { tf, useCpu } from '../../test/tf';
import { validateConfig } from '../../config/schema';
import { ORACLE_CONFIG, type OracleExperiment } from './defaults';

beforeAll(useCpu);

const small = (over: Partial<OracleExperiment['task']> = {}): OracleExperiment => ({
  ...ORACLE_CONFIG,
  backend: 'cpu',
  task: { ...ORACLE_CONFIG.task, teacherPoints: 400, testPoints: 200, pool: 64, ...over },
  teacher: { ...ORACLE_CONFIG.teacher, model: { kind: 'mlp', hidden: [16], activation: 'relu' }, trainSteps: 150 },
  student: { kind: 'mlp', hidden: [16], activation: 'relu' },
  train: { ...ORACLE_CONFIG.train, batchSize: 16, evalEvery: 10, lr: 0.02 },
});

async function evalsOf(cfg: OracleExperiment, steps: number) {
  const s = await Session.create(cfg);
  const ids = s.evalColumns.map((c) => c.id);
  const rows: number[][] = [];
  for (let i = 0; i < steps; i++) s.trainStep();
  (await s.flush()).evals.forEach((e) => rows.push([...e.values]));
  s.dispose();
  const at = (row: number[], lane: number, id: string) => row[lane * ids.length + ids.indexOf(id)]!;
  return { ids, rows, at };
}

describe('the oracle task in a session', () => {
  it('is a valid experiment whose lanes run past its inputs list as pool lanes', () => {
    expect(validateConfig(ORACLE_CONFIG).ok).toBe(true);
    expect(validateConfig({ ...ORACLE_CONFIG, task: { ...ORACLE_CONFIG.task, laneData: [] } }).ok).toBe(true);
  });

  it('measures the golden distance beside the proxy, and distillation brings both down', async () => {
    const { ids, rows, at } = await evalsOf(small(), 200);
    expect(ids).toEqual(expect.arrayContaining(['kl', 'poolKl', 'golden']));
    const first = rows[0]!;
    const last = rows[rows.length - 1]!;
    for (const lane of [0, 1]) {
      expect(at(last, lane, 'golden')).toBeLessThan(at(first, lane, 'golden'));
      expect(at(last, lane, 'golden')).toBeGreaterThan(0);
    }
    // The pool lane learns its pool better than the fresh lane does.
    expect(at(last, 0, 'poolKl')).toBeLessThan(at(last, 1, 'poolKl'));
    // Same config, same seed: the same numbers.
    expect((await evalsOf(small(), 200)).rows).toEqual(rows);
  }, 120_000);

  it('two pool lanes see the same batches and train alike; a fresh lane differs', async () => {
    const { rows, at } = await evalsOf(small({ laneData: ['pool', 'pool'] }), 30);
    const last = rows[rows.length - 1]!;
    expect(at(last, 1, 'golden')).toBe(at(last, 0, 'golden'));
    const mixed = await evalsOf(small(), 30);
    const m = mixed.rows[mixed.rows.length - 1]!;
    expect(mixed.at(m, 0, 'golden')).toBe(at(last, 0, 'golden'));
    expect(mixed.at(m, 1, 'golden')).not.toBe(at(last, 0, 'golden'));
  }, 120_000);

  it('leaks no tensors across steps, flushes and evaluations', async () => {
    const s = await Session.create(small());
    s.trainStep();
    await s.flush();
    const before = tf.memory().numTensors;
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < 12; i++) s.trainStep();
      await s.flush();
    }
    expect(tf.memory().numTensors).toBe(before);
    s.dispose();
  }, 120_000);
});
