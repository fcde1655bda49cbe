/**
 * The exported project's own self-test (`python -m kd.objectives --selftest`): the PyTorch port
 * of the objectives, metrics and schedules against the studio's golden values. Runs one Python
 * process; the number of cases is counted here from the TS tests it copies, so a self-test that
 * silently checked fewer cases (or skipped an objective) fails.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { OBJECTIVES } from '../../objectives';
import { runPython } from './python';

const PROJECT = fileURLToPath(new URL('./project/', import.meta.url));

/** Cases the self-test copies, per TS test (see kd/selftest.py, selftest_more.py, selftest_gradients.py). */
const EXPECTED_CASES = {
  // objectives.golden.test.ts: the 45 rows of `golden`, the pooling and CE-form tests, DKD's
  // two examples, TAID at t = 0.4, FitNets, cosine and RKD.
  golden: 45 + 2 + 2 + 1 + 3,
  // objectives.behaviour.test.ts: the four label-free tests, DKD's warm-up, TAID's three traces.
  behaviour: 4 + 1 + 3,
  // objectives.gradients.test.ts: every objective but TAID at its defaults, 8 extra settings,
  // TAID's two detached-target tests, and the check that the check can fail.
  gradients: OBJECTIVES.length - 1 + 8 + 2 + 1,
  // metrics.test.ts (ECE ×2, agreement), schedule.test.ts (temperatures, current T, params).
  metricsAndSchedules: 3 + 3,
};

describe('the exported PyTorch objectives', () => {
  it('pass the studio’s golden values, gradient checks, metrics and schedules', () => {
    const out = runPython(['-m', 'kd.objectives', '--selftest'], PROJECT, { PYTHONDONTWRITEBYTECODE: '1' });
    const lines = out.trim().split('\n');
    const failed = lines.filter((l) => l.startsWith('FAIL'));
    expect(failed).toEqual([]);
    const expected = Object.values(EXPECTED_CASES).reduce((a, b) => a + b, 0);
    expect(lines.filter((l) => l.startsWith('ok ')).length).toBe(expected);
    expect(lines.at(-1)).toBe(`selftest: ${expected} cases, 0 failed`);
    // Every objective of the registry went through the gradient check (TAID through its own two).
    for (const def of OBJECTIVES.filter((d) => d.id !== 'taid'))
      expect(lines, def.id).toContain(`ok   gradient ${def.id} (defaults) matches central differences`);
  });
});
