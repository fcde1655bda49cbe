/**
 * The teacher-output pool in the config: an optional section with defaults, which old links
 * (made before it) open without, which a link carries when it is on, and which the budget
 * counts (its stored bytes, its fill, its probe windows).
 */
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../config/schema';
import { estimate } from '../../config/estimate';
import { decodeLink, encodeLink } from '../../share/link';
import { diffLink, expectOk, roundTrip } from '../../share/link.fixtures';
import { TEXT_CONFIG, type TextExperiment } from './defaults';
import { TEXT_VOCAB } from './normalise';
import { DEFAULT_POOL, poolBytesPerWindow, type TeacherPool } from './pool';

const withPool = (pool: Partial<TeacherPool>): TextExperiment => ({
  ...TEXT_CONFIG,
  task: { ...TEXT_CONFIG.task, pool: { ...DEFAULT_POOL, ...pool } },
});

describe('teacher-output pool config', () => {
  it('defaults to 512 windows, top 8, renormalised; absent means fresh windows', () => {
    expect(DEFAULT_POOL).toEqual({ size: 512, outputs: 'top-k', k: 8, missingProbability: 'zero' });
    expect(TEXT_CONFIG.task.pool).toBeUndefined();
    const r = validateConfig({ ...TEXT_CONFIG, task: { ...TEXT_CONFIG.task, pool: {} } });
    expect(r.ok && r.config.task.kind === 'text' && r.config.task.pool).toEqual(DEFAULT_POOL);
  });

  it('bounds each field, with messages', () => {
    const errors = (pool: Record<string, unknown>) => {
      const r = validateConfig({ ...TEXT_CONFIG, task: { ...TEXT_CONFIG.task, pool } });
      return r.ok ? [] : r.errors.map((e) => `${e.path}: ${e.message}`);
    };
    expect(errors({ size: 8 })).toEqual(['task.pool.size: Pool size must be at least 16']);
    expect(errors({ size: 5000 })).toEqual(['task.pool.size: Pool size must be at most 4096']);
    expect(errors({ k: 0 })).toEqual(['task.pool.k: Top k must be at least 1']);
    expect(errors({ outputs: 'half' })).toEqual([
      'task.pool.outputs: Stored teacher outputs must be one of: full, top-k',
    ]);
    expect(errors({ missingProbability: 'guess' })).toEqual([
      'task.pool.missingProbability: Missing probability must be one of: zero, symmetric_uniform',
    ]);
  });

  it('an old link (no pool) opens as before; a link with a pool round-trips; a bad pool field is repaired', () => {
    const old = expectOk(decodeLink(encodeLink(TEXT_CONFIG)));
    expect(old.config).toEqual(TEXT_CONFIG);
    expect('pool' in old.config.task).toBe(false);
    for (const pool of [{}, { outputs: 'full' as const }, { k: 3, missingProbability: 'symmetric_uniform' as const }]) {
      const r = roundTrip(withPool(pool));
      expect(r.config).toEqual(withPool(pool));
      expect(r.notices).toEqual([]);
    }
    // A link may say only `task.pool.size`: the rest of the section is its defaults.
    const sized = expectOk(decodeLink(diffLink({ 'task.kind': 'text', 'task.pool': { size: 64 } })));
    expect(sized.config).toEqual(withPool({ size: 64 }));
    // A bad pool field takes the pool's own default; the rest of the link stays.
    const link = { 'task.kind': 'text', 'task.context': 32, 'task.pool': { size: 1e9, k: 4 } };
    const bad = expectOk(decodeLink(diffLink(link)));
    expect(bad.config.task).toEqual({ ...TEXT_CONFIG.task, context: 32, pool: { ...DEFAULT_POOL, k: 4 } });
    expect(bad.notices).toEqual(['Pool windows: “1000000000” is above 4096; using its default']);
    // A pool that is not a section at all goes, as by default.
    const junk = expectOk(decodeLink(diffLink({ 'task.kind': 'text', 'task.pool': 'lots' })));
    expect(junk.config.task).toEqual(TEXT_CONFIG.task);
    expect(junk.notices[0]).toMatch(/^Teacher-output pool: .* is not valid .*; using its default$/);
  });

  it('the budget counts the stored bytes, the teacher’s pass over the pool, the probe windows, and no teacher per step', () => {
    const fresh = estimate(TEXT_CONFIG);
    const pool = estimate(withPool({ size: 4096, outputs: 'full' }));
    const perWindow = poolBytesPerWindow({ ...DEFAULT_POOL, outputs: 'full' }, 64, TEXT_VOCAB.length);
    expect(perWindow).toBe(64 * 49 * 4 + 4);
    // The probe's teacher logits (64 windows) are kept like the held-out ones.
    expect(pool.bytes.teacherCache - fresh.bytes.teacherCache).toBe(4096 * perWindow + 64 * 64 * 49 * 4);
    expect(pool.macs.teacher).toBeGreaterThan(fresh.macs.teacher + 4096 * 64 * 4e5);
    expect(pool.macs.step).toBeLessThan(fresh.macs.step);
    expect(pool.macs.evaluation).toBe(2 * fresh.macs.evaluation);
    // With sequence-level KD the teacher still runs every step.
    const seq = estimate({ ...withPool({}), task: { ...withPool({}).task, sequenceKd: true } });
    expect(seq.macs.step).toBe(estimate({ ...TEXT_CONFIG, task: { ...TEXT_CONFIG.task, sequenceKd: true } }).macs.step);
    expect(validateConfig(withPool({ size: 4096, outputs: 'full' })).ok).toBe(true);
  });
});
