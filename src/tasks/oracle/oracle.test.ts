import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/rng';
import { ORACLE_EXTENT, drawInputs, makeOracle, oracleClasses, oracleDraws, oracleLogits } from './oracle';
import { ORACLE_CONFIG } from './defaults';
import { stepInputs } from './engine/step-source';

const task = ORACLE_CONFIG.task;

describe('the oracle', () => {
  it('is the same function for the same seed, another for another seed', () => {
    const x = drawInputs(createRng(1, 'x'), 50);
    const a = oracleLogits(makeOracle(task, 42), x);
    expect(oracleLogits(makeOracle(task, 42), x)).toEqual(a);
    expect(oracleLogits(makeOracle(task, 7), x)).not.toEqual(a);
    expect(a.length).toBe(50 * task.classes);
  });

  it('draws inputs on its square, and uses every class there', () => {
    const x = drawInputs(createRng(3, 'x'), 2000);
    expect(Math.max(...x.map(Math.abs))).toBeLessThanOrEqual(ORACLE_EXTENT);
    const y = oracleClasses(oracleLogits(makeOracle(task, 42), x), task.classes);
    for (let k = 0; k < task.classes; k++) expect(y.filter((v) => v === k).length).toBeGreaterThan(100);
  });

  it('samples classes in proportion to its probabilities', () => {
    // One input repeated: the sampled classes' shares approach softmax(logits).
    const logits = new Float32Array(Array.from({ length: 20000 }, () => [0, Math.log(2), Math.log(7)]).flat());
    const y = oracleClasses(logits, 3, createRng(5, 'y'));
    const share = (k: number) => y.filter((v) => v === k).length / y.length;
    expect(share(0)).toBeCloseTo(0.1, 1);
    expect(share(1)).toBeCloseTo(0.2, 1);
    expect(share(2)).toBeCloseTo(0.7, 1);
    // Without a generator: the most likely class.
    expect([...oracleClasses(new Float32Array([1, 3, 2, 5, 0, 0]), 3)]).toEqual([1, 0]);
  });

  it('draws the teacher’s set, the pool and the held-out set apart, each of its size', () => {
    const d = oracleDraws(task, 42);
    expect(d.teacherX.length).toBe(2 * task.teacherPoints);
    expect(d.poolX.length).toBe(2 * task.pool);
    expect(d.testX.length).toBe(2 * task.testPoints);
    expect(d.poolX.slice(0, 8)).not.toEqual(d.teacherX.slice(0, 8));
  });
});

describe('step inputs', () => {
  const pool = oracleDraws(task, 42).poolX;
  const rows = (x: Float32Array) => Array.from({ length: x.length / 2 }, (_, i) => `${x[2 * i]},${x[2 * i + 1]}`);
  const inPool = new Set(rows(pool));

  it('a pool lane only ever sees the pool’s inputs; a fresh lane new ones at every step', () => {
    const seen = new Set<string>();
    for (let step = 0; step < 20; step++) {
      rows(stepInputs(pool, 42, step, 32, 'pool')).forEach((r) => expect(inPool.has(r)).toBe(true));
      rows(stepInputs(pool, 42, step, 32, 'fresh')).forEach((r) => {
        expect(inPool.has(r)).toBe(false);
        seen.add(r);
      });
    }
    expect(seen.size).toBe(20 * 32);
  });

  it('depends on the seed and the step only (a rewind draws the same batch again)', () => {
    expect(stepInputs(pool, 42, 5, 16, 'fresh')).toEqual(stepInputs(pool, 42, 5, 16, 'fresh'));
    expect(stepInputs(pool, 42, 5, 16, 'pool')).toEqual(stepInputs(pool, 42, 5, 16, 'pool'));
    expect(stepInputs(pool, 42, 6, 16, 'fresh')).not.toEqual(stepInputs(pool, 42, 5, 16, 'fresh'));
  });
});
