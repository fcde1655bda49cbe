/**
 * Auto's budget (issue 15, item 4): the trial on every shipped task's default experiment takes
 * at most TRIAL_BUDGET_MS, a backend far slower than the best is given up on after its warm-up
 * step, a cancel ends the trial, and no tensor is left behind. On wasm and cpu, as Node has them.
 */
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { TOY_CONFIG } from '../tasks/toy2d/defaults';
import { TEXT_CONFIG } from '../tasks/text/defaults';
import { IMAGE_CONFIG } from '../tasks/images/defaults';
import { tf, useCpu } from '../test/tf';
import { selectBackend, type TrialProgress } from './backend';
import {
  HOPELESS,
  PER_BACKEND_MS,
  TRIAL_BUDGET_MS,
  TrialCancelled,
  grownBatch,
  lowerMedian,
  timeBackend,
  toFullBatch,
} from './backend-trial';
import { workloadOf } from './workload';

beforeAll(async () => {
  await useCpu();
  const dist = dirname(
    createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'),
  );
  setWasmPaths(`${dist}/`);
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  // IS_TEST (useCpu) turns on a per-kernel leak check that misreports wasm's fused kernels.
  tf.env().set('IS_TEST', false);
});

describe('the trial budget', () => {
  it('takes the lower median, and sizes a linear backend’s timed batch to a third of its budget', () => {
    expect(lowerMedian([5, 1, 3])).toBe(3);
    expect(lowerMedian([9, 4])).toBe(4);
    // 4 examples in 4 ms: 100 fit a third of 300 ms; never fewer than were timed, never more than the batch.
    expect(grownBatch(4, 4 * (PER_BACKEND_MS / 300), 1000)).toBe(100);
    expect(grownBatch(2, 1000, 32)).toBe(2);
    expect(grownBatch(2, 1e-9, 32)).toBe(32);
  });

  it('extrapolates a fixed cost plus a cost per example to the full batch, within bounds', () => {
    // 50 ms fixed + 10 ms an example: 2 → 70 ms, 8 → 130 ms, so 32 → 370 ms (not 130 × 4 = 520).
    expect(toFullBatch({ n: 2, ms: 70 }, { n: 8, ms: 130 }, 32)).toBeCloseTo(370);
    // Noise making the larger slice faster: no less than its own time.
    expect(toFullBatch({ n: 2, ms: 70 }, { n: 8, ms: 60 }, 32)).toBe(60);
    // Never more than proportional scaling; the full batch timed is taken as it is.
    expect(toFullBatch({ n: 2, ms: 0 }, { n: 8, ms: 100 }, 32)).toBe(400);
    expect(toFullBatch({ n: 2, ms: 70 }, { n: 32, ms: 300 }, 32)).toBe(300);
  });

  for (const [task, cfg] of [
    ['toy', TOY_CONFIG],
    ['images', IMAGE_CONFIG],
    ['text', TEXT_CONFIG],
  ] as const) {
    it(`chooses for the default ${task} experiment within ${TRIAL_BUDGET_MS / 1000} s, saying what it times`, async () => {
      const progress: TrialProgress[] = [];
      const before = tf.memory().numTensors;
      const t0 = performance.now();
      const info = await selectBackend('auto', workloadOf(cfg), { onProgress: (p) => progress.push(p) });
      const wall = performance.now() - t0;
      console.log(`${task}: trial ${info.trialMs!.toFixed(0)} ms (wall ${wall.toFixed(0)} ms): ${info.reason}`);
      expect(info.trialMs).toBeLessThanOrEqual(TRIAL_BUDGET_MS);
      expect(info.trials.filter((t) => t.skipped?.startsWith('trial failed'))).toEqual([]);
      const timed = info.trials.filter((t) => t.msPerStep !== undefined);
      expect(timed.length).toBeGreaterThan(0);
      expect(progress.map((p) => `${p.index}/${p.total}`)).toEqual(
        progress.map((_, i) => `${i + 1}/${progress.length}`),
      );
      await tf.setBackend('cpu');
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('gives up on a backend after its warm-up step when it is far slower than the best', async () => {
    await tf.setBackend('cpu');
    const w = workloadOf(TEXT_CONFIG);
    const r = await timeBackend(w, 'cpu', w.batchSize, { deadline: performance.now() + 60_000, beat: 1e-3 });
    expect(r).toMatchObject({ steps: 0 });
    expect('ms' in r && r.ms > HOPELESS * 1e-3).toBe(true);
  });

  it('times at least one step after the deadline has passed, and no more', async () => {
    await tf.setBackend('cpu');
    const w = workloadOf(TOY_CONFIG);
    const r = await timeBackend(w, 'cpu', w.batchSize, { deadline: performance.now() });
    expect(r).toMatchObject({ steps: 1 });
    // The timed slice grows to what fits the budget: the full batch on an idle machine, less
    // under load (10 of 64 at load 12), so only its bounds are fixed.
    expect('timedBatch' in r && r.timedBatch >= 1 && r.timedBatch <= w.batchSize).toBe(true);
  });

  it('ends on a cancel, leaving no tensor behind', async () => {
    await tf.setBackend('cpu');
    const before = tf.memory().numTensors;
    await expect(selectBackend('auto', workloadOf(TOY_CONFIG), { cancelled: () => true })).rejects.toBeInstanceOf(
      TrialCancelled,
    );
    await tf.setBackend('cpu');
    expect(tf.memory().numTensors).toBe(before);
  });
});
