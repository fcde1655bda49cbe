/**
 * The text task's teacher-output pool in Node on the cpu backend, with the shipped corpus and
 * teacher: filled once with progress and Cancel, its full outputs are the teacher's forward
 * pass, its steps run no teacher pass, the same seed gives the same pool and batches, nothing
 * leaks, and the pool's probe is evaluated beside the held-out set.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { TEXT_CONFIG, TEXT_STUDENTS, type TextExperiment } from '../tasks/text/defaults';
import { DEFAULT_POOL, type TeacherPool } from '../tasks/text/pool';
import { validateConfig } from '../config/schema';
import { fsAssets } from '../test/assets';
import { tf, useCpu } from '../test/tf';
import { Session, type Progress } from './session';
import { loadCorpus } from '../tasks/text/engine/load';
import { PoolCancelled, fillPool, poolBatch, poolStarts } from '../tasks/text/engine/pool-build';
import { windowBatch } from './models/transformer-eval';
import { TEXT_VOCAB } from '../tasks/text/normalise';
import { laneFor } from '../config/defaults';
import { sourceOf } from '../tasks/text/engine/batches';

beforeAll(useCpu);

const V = TEXT_VOCAB.length;

/** A text experiment with a pool, small enough for the cpu backend. */
const pooled = (pool: Partial<TeacherPool> = {}): TextExperiment => ({
  ...TEXT_CONFIG,
  task: { ...TEXT_CONFIG.task, context: 16, evalWindows: 8, pool: { ...DEFAULT_POOL, size: 40, ...pool } },
  student: TEXT_STUDENTS.tinyTransformer.spec,
  train: { ...TEXT_CONFIG.train, batchSize: 4, evalEvery: 5, lr: 0.01 },
});

// Each test builds the shipped 4×96 teacher on the pure-JS cpu backend: tens of seconds on a loaded machine.
describe('text teacher-output pool', { timeout: 240_000 }, () => {
  it('is valid config; features and (with renormalised top-k) reverse KL are refused with a reason', () => {
    expect(validateConfig(pooled()).ok).toBe(true);
    const refused = (cfg: TextExperiment) => {
      const r = validateConfig(cfg);
      return r.ok ? [] : r.errors.map((e) => `${e.path}: ${e.message}`);
    };
    expect(refused({ ...pooled(), lanes: [laneFor('features')] })).toEqual([
      expect.stringMatching(/^lanes\.0\.objective: .*hidden features, which the teacher-output pool does not store/),
    ]);
    expect(refused({ ...pooled(), lanes: [laneFor('reverse-kl')] })).toEqual([
      expect.stringMatching(
        /^lanes\.0\.objective: Reverse KL .* is infinite where the teacher gives a token no probability/,
      ),
    ]);
    // JSD is bounded below β = 1, and reverse KL is fine once no token has zero probability.
    expect(refused({ ...pooled(), lanes: [laneFor('jsd')] })).toEqual([]);
    expect(
      refused({ ...pooled(), lanes: [{ ...laneFor('jsd'), params: { beta: 1, T: 1, alpha: 1, t2: 0 } }] }),
    ).toHaveLength(1);
    for (const pool of [{ missingProbability: 'symmetric_uniform' as const }, { outputs: 'full' as const }, { k: V }])
      expect(refused({ ...pooled(pool), lanes: [laneFor('reverse-kl')] })).toEqual([]);
    expect(refused(pooled({ k: V + 1 }))).toEqual([
      `task.pool.k: Top k must be at most the vocabulary (${V} characters)`,
    ]);
  });

  it('full outputs are the teacher’s forward pass on the same windows (float32 noise), with progress per chunk', async () => {
    const s = await Session.create(pooled(), { assets: fsAssets });
    const ids = await loadCorpus(fsAssets);
    const trainEnd = s.data.host.text!.trainEnd;
    const events: Progress[] = [];
    const filled = await fillPool({
      corpus: { ids, trainEnd },
      context: 16,
      vocab: V,
      pool: { ...DEFAULT_POOL, size: 40, outputs: 'full' },
      seed: 7,
      teacher: s.teacher.model,
      probeWindows: 8,
      onProgress: (p) => events.push(p),
    });
    expect(events.map((e) => [e.phase, e.done, e.total])).toEqual([
      ['pool', 0, 40],
      ['pool', 32, 40],
      ['pool', 40, 40],
    ]);
    expect(filled.starts).toEqual(poolStarts(trainEnd, 16, 40, 7));
    expect(filled.starts.every((x) => x >= 0 && x + 17 <= trainEnd)).toBe(true);
    const { x } = windowBatch(ids, filled.starts, 16);
    const direct = tf.tidy(() => s.teacher.model.forward(tf.tensor2d(x, [40, 16], 'int32')).logits);
    const want = (await direct.data()) as Float32Array;
    direct.dispose();
    const got = filled.store.logits!;
    let worst = 0;
    for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i]! - want[i]!));
    expect(worst).toBeLessThan(1e-4);
    expect(filled.truncatedMass).toBe(0);
    // The probe holds the first 8 windows' full logits.
    expect(Array.from(filled.probe.logits)).toEqual(Array.from(got.subarray(0, 8 * 16 * V)));
    s.dispose();
  });

  it('steps run no teacher pass, are deterministic for a seed, leak nothing; the probe is evaluated', async () => {
    const start = tf.memory().numTensors;
    const run = async () => {
      const s = await Session.create(pooled(), { assets: fsAssets });
      let passes = 0;
      const forward = s.teacher.model.forward.bind(s.teacher.model);
      s.teacher.model.forward = (x, training) => {
        passes++;
        return forward(x, training);
      };
      s.trainStep();
      const first = await s.flush();
      const before = tf.memory().numTensors;
      for (let i = 0; i < 9; i++) s.trainStep();
      const r = await s.flush();
      const after = tf.memory().numTensors;
      const cols = s.evalColumns.map((c) => c.id);
      const pool = s.data.host.text!.pool!;
      s.dispose();
      return { first, r, before, after, passes, cols, pool };
    };
    const a = await run();
    const b = await run();
    expect(a.passes).toBe(0);
    expect(a.after).toBe(a.before);
    expect(tf.memory().numTensors).toBe(start);
    expect(Array.from(a.r.losses)).toEqual(Array.from(b.r.losses));
    expect(a.r.evals.map((e) => Array.from(e.values))).toEqual(b.r.evals.map((e) => Array.from(e.values)));
    expect(a.r.losses.every(Number.isFinite)).toBe(true);
    expect(a.cols.slice(-2)).toEqual(['poolAgreement', 'poolKl']);
    const at = (id: string) => a.first.evals[0]!.values[a.cols.indexOf(id)]!;
    expect(at('poolAgreement')).toBeGreaterThanOrEqual(0);
    expect(at('poolAgreement')).toBeLessThanOrEqual(1);
    expect(at('poolKl')).toBeGreaterThan(0);
    // 40 windows of 16 tokens, top 8: 16 · (8 · 5 + 4) + 4 bytes each; some mass lies outside the top 8.
    expect(a.pool).toEqual({ windows: 40, bytes: 40 * (16 * 44 + 4), truncatedMass: expect.any(Number) });
    expect(a.pool.truncatedMass).toBeGreaterThan(0);
    expect(a.pool.truncatedMass).toBeLessThan(0.2);
    // The step's windows are the seeded draws from the pool.
    expect(poolBatch(40, 4, TEXT_CONFIG.seed, 3)).toEqual(poolBatch(40, 4, TEXT_CONFIG.seed, 3));
    expect(poolBatch(40, 4, TEXT_CONFIG.seed, 3)).not.toEqual(poolBatch(40, 4, TEXT_CONFIG.seed, 4));
  });

  it('on-policy steps still generate and run the teacher; corpus steps use the pool, also for a student of its own vocabulary', async () => {
    const base = pooled({ size: 16 });
    const cfg: TextExperiment = {
      ...base,
      task: { ...base.task, context: 8, onPolicy: 0.5, studentVocab: 'coarse' },
      lanes: [laneFor('uld')],
    };
    const s = await Session.create(cfg, { assets: fsAssets });
    let passes = 0;
    const forward = s.teacher.model.forward.bind(s.teacher.model);
    s.teacher.model.forward = (x, training) => {
      passes++;
      return forward(x, training);
    };
    const sources = Array.from({ length: 6 }, (_, i) => sourceOf(cfg.task, cfg.seed, i));
    expect(sources).toContain('student');
    expect(sources).toContain('corpus');
    for (let i = 0; i < 6; i++) {
      if (s.needsPrepare) await s.prepareStep();
      s.trainStep();
    }
    const r = await s.flush();
    // One teacher pass per on-policy step (scoring the student's samples), none on pool steps.
    expect(passes).toBe(sources.filter((x) => x === 'student').length);
    expect(r.losses.every(Number.isFinite)).toBe(true);
    const cols = s.evalColumns.map((c) => c.id);
    const values = r.evals[0]!.values;
    // The probe is compared in the student's 30 symbols, as the held-out set is.
    expect(values[cols.indexOf('poolKl')]).toBeGreaterThan(0);
    expect(values[cols.indexOf('poolAgreement')]).toBeLessThanOrEqual(1);
    s.dispose();
  });

  it('a Cancel between chunks ends the fill with PoolCancelled and leaves no tensor behind', async () => {
    const start = tf.memory().numTensors;
    const events: Progress[] = [];
    await expect(
      Session.create(pooled({ size: 100 }), {
        assets: fsAssets,
        onProgress: (p) => events.push(p),
        cancelled: () => events.some((e) => e.phase === 'pool' && e.done > 0),
      }),
    ).rejects.toBeInstanceOf(PoolCancelled);
    expect(events.filter((e) => e.phase === 'pool').map((e) => e.done)).toEqual([0, 32]);
    expect(tf.memory().numTensors).toBe(start);
  });
});
