/**
 * Issue 14, defect 3 in a real browser: edits that restart the students while a run trains
 * (optimiser, momentum, lane count) leave one loop, stopped until Play, never a loop training
 * on behind a "Paused" status, nor two loops after the next Play.
 */
import { expect, test, type Page } from '@playwright/test';
import { openStudio, readout, runColumn, selectOption, setField, waitForReadout, workerCaughtUp } from './helpers';

const runBar = (page: Page) => page.locator('.run-status');

/** The step the page shows now, and when. */
const stepAt = (page: Page) =>
  page.evaluate(() => ({
    step: (window as unknown as { kdStudio: { run(): { step: number } } }).kdStudio.run().step,
    t: performance.now(),
  }));

test('edits that restart the students while training stop the run, and Play runs one loop', async ({ page }) => {
  const errors: string[] = [];
  await openStudio(page, errors);
  await selectOption(page, 'Backend', 'wasm');
  await setField(page, 'Steps', '100000');
  // One step a tick: the pace (60 ticks a second) counts the loops.
  await setField(page, 'Steps per frame', '1');
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForReadout(page, 'Step', (v) => v >= 30);

  // Each edit restarts the students; each is followed by Play at once, as a person might.
  await selectOption(page, 'Optimizer', 'sgd');
  for (const momentum of ['0.5', '0.6', '0.7', '0.8', '0.9']) {
    await expect(runBar(page)).toContainText('Paused');
    await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
    await expect(readout(page, 'Step')).toHaveText('0');
    await page.getByRole('button', { name: 'Play' }).click();
    await expect(runBar(page)).toContainText('Distilling');
    await setField(page, 'Momentum', momentum);
  }
  await page.getByRole('button', { name: /Add student/ }).click();
  // Stopped: the worker has carried out everything sent, and nothing trains behind "Paused".
  await expect(runBar(page)).toContainText('Paused');
  await workerCaughtUp(page);
  await workerCaughtUp(page);
  await expect(readout(page, 'Step')).toHaveText('0');
  expect(await runColumn(page, 'loss', '0:total')).toEqual([]);

  // As the page itself does when it opens a saved run or recovers one (the edit, then Play at
  // once): Plays that reach the worker right behind a restart.
  await page.getByRole('button', { name: 'Play' }).click();
  await page.evaluate(async () => {
    type Studio = { setConfig(c: unknown): void; config(): { train: object }; studio: { play(): void } };
    const k = (window as unknown as { kdStudio: Studio }).kdStudio;
    for (let i = 1; i <= 10; i++) {
      const c = k.config();
      k.setConfig({ ...c, train: { ...c.train, momentum: 0.9 - i / 100 } });
      k.studio.play();
      await new Promise((r) => setTimeout(r, 5 + 3 * i));
    }
  });
  await expect(runBar(page)).toContainText('Distilling');
  // One loop's pace: 60 steps take at least 0.8 s (each loop left behind would add 60 a second).
  await waitForReadout(page, 'Step', (v) => v >= 10);
  const from = await stepAt(page);
  await waitForReadout(page, 'Step', (v) => v >= from.step + 60);
  const to = await stepAt(page);
  const perSecond = ((to.step - from.step) * 1000) / (to.t - from.t);
  expect(perSecond).toBeLessThan(75);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(runBar(page)).toContainText('Paused');
  expect(errors).toEqual([]);
});
