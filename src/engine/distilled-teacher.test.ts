/**
 * Text teacher hacking's three models (issue 17 §3), in Node on cpu with the shipped corpus and
 * teacher: a small transformer distilled from the shipped one is the lanes' teacher, whose KL to
 * the oracle falls with distillation; the golden column is KL(oracle‖student) on the held-out
 * windows, the proxy KL(small teacher‖student); no tensor leaks; the same seed, the same teacher.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { TEXT_CONFIG, type TextExperiment } from '../tasks/text/defaults';
import { DEFAULT_POOL } from '../tasks/text/pool';
import { validateConfig } from '../config/schema';
import { forwardKl } from '../config/lanes';
import { fsAssets } from '../test/assets';
import { tf, useCpu } from '../test/tf';
import { meanKl } from './distilled-teacher';
import { forwardInChunks } from './forward';
import { Session } from './session';

beforeAll(useCpu);

const config = (steps: number): TextExperiment => ({
  ...TEXT_CONFIG,
  task: {
    ...TEXT_CONFIG.task,
    context: 16,
    evalWindows: 8,
    pool: { ...DEFAULT_POOL, size: 16, outputs: 'full', lanes: ['pool', 'fresh'] },
  },
  teacher: { ...TEXT_CONFIG.teacher, distilled: { layers: 1, width: 32, heads: 2, steps } },
  student: { kind: 'transformer', layers: 1, width: 16, heads: 2 },
  lanes: [forwardKl(), forwardKl()],
  train: { ...TEXT_CONFIG.train, batchSize: 4, evalEvery: 2, lr: 0.01 },
});

async function evalsOf(s: Session, steps: number) {
  s.trainStep();
  const first = await s.flush();
  const before = tf.memory().numTensors;
  for (let i = 1; i < steps; i++) s.trainStep();
  const rest = await s.flush();
  return { evals: [...first.evals, ...rest.evals], leaked: tf.memory().numTensors - before };
}

describe('a small text teacher distilled from the shipped one', { timeout: 600_000 }, () => {
  it('learns the oracle, is the lanes’ teacher, and the golden and proxy columns are the right distances', async () => {
    expect(validateConfig(config(40)).ok).toBe(true);
    const short = await Session.create(config(2), { assets: fsAssets });
    const shortGap = short.teacher.goldenDistance!;
    short.dispose();
    const before = tf.memory().numTensors;
    const s = await Session.create(config(40), { assets: fsAssets });
    // 1×32 transformer, not the shipped 4×96 (463 k weights).
    expect(s.teacher.model.paramCount).toBeLessThan(30_000);
    expect(s.teacher.goldenDistance).toBeGreaterThan(0);
    expect(s.teacher.goldenDistance!).toBeLessThan(shortGap * 0.8);
    const oracle = s.data.golden!;
    expect(oracle).toBe(s.teacher.golden);

    // The reference line is KL(oracle‖teacher) on the held-out windows.
    const teacherTest = forwardInChunks(s.teacher.model, s.data.testX, undefined, s.data.evalChunk);
    const gap = meanKl(oracle, teacherTest.logits);
    expect((await gap.data())[0]).toBeCloseTo(s.teacher.goldenDistance!, 5);
    tf.dispose([gap, teacherTest.logits, teacherTest.features]);

    const cols = s.evalColumns.map((c) => c.id);
    expect(cols).toContain('golden');
    expect(cols).toContain('poolKl');
    const { evals, leaked } = await evalsOf(s, 6);
    expect(leaked).toBe(0);
    // Recompute the last evaluation's distances from the students themselves.
    const last = evals[evals.length - 1]!;
    for (const [l, lane] of s.lanes.entries()) {
      const v = last.values.slice(l * cols.length, (l + 1) * cols.length);
      const out = forwardInChunks(lane.student, s.data.testX, undefined, s.data.evalChunk);
      const golden = meanKl(oracle, out.logits);
      const proxy = meanKl(s.teacher.testLogits, out.logits);
      const [g, p] = await Promise.all([golden.data(), proxy.data()]);
      tf.dispose([out.logits, out.features, golden, proxy]);
      expect(v[cols.indexOf('golden')]).toBeCloseTo(g[0]!, 4);
      expect(v[cols.indexOf('kl')]).toBeCloseTo(p[0]!, 4);
      expect(v[cols.indexOf('golden')]).not.toBeCloseTo(v[cols.indexOf('kl')]!, 3);
    }
    const hash = s.teacher.weightsHash;
    s.dispose();
    expect(tf.memory().numTensors).toBe(before);
    const again = await Session.create(config(40), { assets: fsAssets });
    expect(again.teacher.weightsHash).toBe(hash);
    expect(again.teacher.goldenDistance).toBe(s.teacher.goldenDistance);
    again.dispose();
  });

  it('is refused outside text and with a student vocabulary of its own, with a message', () => {
    const coarse = config(10);
    const v = validateConfig({ ...coarse, task: { ...coarse.task, pool: undefined, studentVocab: 'coarse' } });
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.errors.map((e) => e.message).join(' ')).toMatch(/shared vocabulary/);
    const w = validateConfig({
      ...coarse,
      teacher: { ...coarse.teacher, distilled: { layers: 1, width: 30, heads: 4, steps: 1 } },
    });
    expect(w.ok).toBe(false);
    if (!w.ok) expect(w.errors.map((e) => e.message).join(' ')).toMatch(/divide its width/);
  });
});
