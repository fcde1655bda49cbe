/**
 * Issue 14, defect 2 in a real browser: a training worker that ends mid-run (here by
 * `self.close()` from a test hook, as a crash would end it) is noticed within 2 s and said so;
 * a new worker takes over with the same experiment, the students and curves are back at the
 * last saved step, History keeps the run in one record, and Play goes on. A step that throws
 * stops the run with a message instead of freezing it.
 */
import { expect, test } from '@playwright/test';
import { openStudio, readoutValue, selectOption, setField, waitForReadout } from './helpers';
import { debug, enableTestHooks, expectStatus, oneTo, runNotices, runNow, storedRuns } from './reliability';

test.beforeEach(async ({ page }) => enableTestHooks(page));

test('a worker that dies mid-run is noticed, replaced, and the run goes on from its last saved step', async ({
  page,
}) => {
  const errors: string[] = [];
  await openStudio(page, errors);
  await selectOption(page, 'Backend', 'wasm');
  await setField(page, 'Steps', '100000');
  await page.getByRole('button', { name: 'Play' }).click();
  // The students are saved every 10 s while training: wait for a saved copy.
  await expect.poll(async () => (await storedRuns(page))[0]?.weightsStep ?? 0, { timeout: 90_000 }).toBeGreaterThan(0);
  const [record] = await storedRuns(page);
  const before = await runNow(page);

  const detectedMs = await page.evaluate(async () => {
    const k = (window as unknown as { kdStudio: { debug(c: string): Promise<unknown> } }).kdStudio;
    const t0 = performance.now();
    await k.debug('close');
    return new Promise<number>((resolve) => {
      const check = () =>
        document.querySelector('[aria-label="Run notices"]')?.textContent?.includes('stopped unexpectedly')
          ? resolve(performance.now() - t0)
          : requestAnimationFrame(check);
      check();
    });
  });
  console.log(`dead worker noticed after ${detectedMs.toFixed(0)} ms`);
  expect(detectedMs).toBeLessThan(2000);

  await expect(runNotices(page)).toContainText('A new one took over with the same experiment', { timeout: 60_000 });
  const text = await runNotices(page).innerText();
  const restored = Number(/back at step ([\d,]+)/.exec(text)![1]!.replace(/,/g, ''));
  // The freshest saved copy: at least the one seen above, and not past where the run had got.
  expect(restored).toBeGreaterThanOrEqual(record!.weightsStep!);
  expect(restored).toBeLessThanOrEqual(before.step + 1000);
  await expectStatus(page, 'Paused');
  expect(await readoutValue(page, 'Step')).toBe(restored);
  // The curves are back up to the restored step, as they were.
  const after = await runNow(page);
  expect(after.steps).toEqual(oneTo(restored));
  expect(after.values).toEqual(before.values.slice(0, restored));

  // Play goes on from there, in the same History record.
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForReadout(page, 'Step', (v) => v >= restored + 100);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expectStatus(page, 'Paused');
  await expect.poll(async () => (await storedRuns(page))[0]?.step ?? 0).toBeGreaterThanOrEqual(restored + 100);
  const runs = await storedRuns(page);
  expect(runs.map((r) => r.id)).toEqual([record!.id]);
  const saved = runs[0]!.lossSteps;
  expect(saved).toEqual(oneTo(saved.length));
  expect(errors).toEqual([]);
});

test('a step that throws stops the run with a message, and Play goes on', async ({ page }) => {
  const errors: string[] = [];
  await openStudio(page, errors);
  await selectOption(page, 'Backend', 'wasm');
  await setField(page, 'Steps', '100000');
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForReadout(page, 'Step', (v) => v >= 100);
  await debug(page, 'throw-in-tick');
  await expectStatus(page, 'Error');
  await expectStatus(page, /Training stopped after step [\d,]+: a training step failed unexpectedly/);
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  const stoppedAt = await readoutValue(page, 'Step');
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForReadout(page, 'Step', (v) => v >= stoppedAt + 50);
  await expectStatus(page, 'Distilling');
  expect(errors).toEqual([]);
});

test('without Web Locks the heartbeat notices a dead worker within 2 s', async ({ page }) => {
  // As in a browser without the Web Locks API: the page falls back on the worker's heartbeat.
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'locks', { get: () => undefined }));
  const errors: string[] = [];
  await openStudio(page, errors);
  await selectOption(page, 'Backend', 'wasm');
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForReadout(page, 'Step', (v) => v >= 100);
  const detectedMs = await page.evaluate(async () => {
    const k = (window as unknown as { kdStudio: { debug(c: string): Promise<unknown> } }).kdStudio;
    const t0 = performance.now();
    await k.debug('close');
    return new Promise<number>((resolve) => {
      const check = () =>
        document.querySelector('[aria-label="Run notices"]')?.textContent?.includes('stopped answering')
          ? resolve(performance.now() - t0)
          : requestAnimationFrame(check);
      check();
    });
  });
  console.log(`dead worker noticed by its silence after ${detectedMs.toFixed(0)} ms`);
  expect(detectedMs).toBeLessThan(2000);
  await expect(runNotices(page)).toContainText('A new one took over', { timeout: 60_000 });
  expect(errors).toEqual([]);
});
