/**
 * Issue 16, item 5 in a real browser: long jobs you can stop. A teacher started from a large
 * setting is asked about first (the estimate, and the steps that would fit a minute), shows its
 * progress with a measured time estimate, and Cancel stops it in the worker at once, with a
 * message, the settings kept and a studio that trains again. An edit made while the teacher
 * trains restarts it with the edit, without a second Play.
 */
import { expect, test, type Page } from '@playwright/test';
import { openStudio, readoutValue, setField, waitForReadout } from './helpers';

const banner = (page: Page) => page.getByRole('banner');
const status = (page: Page) => banner(page).getByRole('status');

/** A 2-128-128-3 teacher of 20,000 steps: about 14 minutes by the estimate, minutes in fact. */
async function useLargeTeacher(page: Page): Promise<void> {
  await setField(page, 'Teacher Hidden widths', '128, 128');
  await setField(page, 'Teacher Training steps', '20000');
}

/** Play, answered "Start anyway", until the teacher's training has measured some steps. */
async function startLarge(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Play' }).click();
  await page.getByRole('button', { name: 'Start anyway' }).click();
  await expect(status(page)).toContainText(/Teacher training [1-9][\d,]*\/20,000/, { timeout: 120_000 });
  await expect(status(page)).toContainText(/about \d+ (s|min|h)/);
}

test('a teacher from a large setting: asked about first, a time estimate, Cancel stops it and training again works', async ({
  page,
}) => {
  const errors: string[] = [];
  await openStudio(page, errors);
  await useLargeTeacher(page);

  // Over a minute by the estimate: Play asks, saying how long and what would fit a minute.
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(status(page)).toContainText(/^Before it starts:/);
  await expect(status(page)).toContainText(
    /Getting this teacher ready would take about \d+ min here .* Lower “Teacher › Training steps” to [\d,]+ for about a minute\./,
  );
  await banner(page).screenshot({ path: 'e2e/artifacts/jobs-question.png' });
  // "Not now" starts nothing.
  await page.getByRole('button', { name: 'Not now' }).click();
  await expect(status(page)).toHaveText(/^Ready: press Play/);

  await startLarge(page);
  await banner(page).screenshot({ path: 'e2e/artifacts/jobs-progress.png' });
  const cancelled = Date.now();
  await banner(page).getByRole('button', { name: 'Cancel' }).click();
  await expect(status(page)).toContainText(
    /^Ready: press Play.*Cancelled the teacher’s training at step [\d,]+ of 20,000 \(stopped in \d+(?: ms|\.\d s)\)\. Nothing was built and your settings are kept\./s,
    { timeout: 10_000 },
  );
  const toIdle = Date.now() - cancelled;
  console.log(`Cancel to idle: ${toIdle} ms; ${await status(page).innerText()}`);
  expect(toIdle).toBeLessThan(5000);
  await banner(page).screenshot({ path: 'e2e/artifacts/jobs-cancelled.png' });
  // The settings are kept.
  await expect(page.getByLabel('Teacher Hidden widths', { exact: true })).toHaveValue('128, 128');
  await expect(page.getByLabel('Teacher Training steps', { exact: true })).toHaveValue('20000');

  // Training again works: a teacher that fits starts without a question and distils.
  await setField(page, 'Teacher Hidden widths', '16, 16');
  await setField(page, 'Teacher Training steps', '100');
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForReadout(page, 'Step', (v) => v >= 50, 120_000);
  await expect(page.getByRole('button', { name: 'Start anyway' })).toHaveCount(0);
  expect(await readoutValue(page, 'Teacher accuracy')).toBeGreaterThan(0.5);
  expect(errors).toEqual([]);
});

test('an edit made while the teacher trains restarts its training with the edit, without a second Play', async ({
  page,
}) => {
  const errors: string[] = [];
  await openStudio(page, errors);
  await useLargeTeacher(page);
  await startLarge(page);
  // Fewer steps for the teacher: its training starts again with the new setting, and distils.
  await setField(page, 'Teacher Training steps', '120');
  await expect(status(page)).toContainText(/Teacher training [\d,]+\/120\b/, { timeout: 60_000 });
  await waitForReadout(page, 'Step', (v) => v >= 20, 120_000);
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  expect(errors).toEqual([]);
});
