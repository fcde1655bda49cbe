/**
 * Sampling over wall time: the one place where a browser test waits for a fixed time (an
 * ESLint rule bans `waitForTimeout` everywhere else in e2e/).
 *
 * Everywhere else a test waits for a visible state. A few checks are not about reaching a
 * state but about a value staying put while time passes: the worker's tensor count during a
 * run. A leak can come from any per-step or per-frame work, and also from work on the
 * worker's clock (metric posts throttled to 10 a second, view refreshes), so the count has to
 * be read at moments spread over the run; no single visible state stands for "later".
 */
import { expect, type Page } from '@playwright/test';
import { readoutValue, waitForReadout } from './helpers';

/** Calls `read` `samples` times, `everyMs` apart, and returns what it read. */
export async function sampleEvery<T>(
  page: Page,
  everyMs: number,
  samples: number,
  read: () => Promise<T>,
): Promise<T[]> {
  const seen: T[] = [];
  for (let i = 0; i < samples; i++) {
    if (i > 0) await page.waitForTimeout(everyMs);
    seen.push(await read());
  }
  return seen;
}

/**
 * Checks that the "Tensors" readout stays the same while the run trains: `samples` readings
 * `everyMs` apart, then one more once the step readout has moved past where it was at the
 * first reading, so the readings always span training (on a slow backend a fixed interval
 * alone might not).
 */
export async function expectFlatTensorCount(page: Page, everyMs: number, samples: number): Promise<void> {
  const startStep = await readoutValue(page, 'Step');
  const tensors = await sampleEvery(page, everyMs, samples, () => readoutValue(page, 'Tensors'));
  await waitForReadout(page, 'Step', (v) => v > startStep);
  tensors.push(await readoutValue(page, 'Tensors'));
  expect(tensors.every(Number.isFinite), `Tensors readout over time: ${tensors}`).toBe(true);
  expect(new Set(tensors).size, `Tensors readout over time: ${tensors}`).toBe(1);
}
