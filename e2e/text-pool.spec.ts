/**
 * Issue 15, item 2 in a real browser: the language task's teacher-output pool, switched on in
 * the Data section. Filling a large pool shows its progress and can be cancelled; a small one
 * fills, training starts without the teacher's pass, the truncated mass is read out beside the
 * controls and the pool-against-held-out chart appears.
 */
import { expect, test } from '@playwright/test';
import { openStudio, readout, runColumn, selectOption, setField, waitForReadout } from './helpers';
import { expectFlatTensorCount } from './sampling';

test('a teacher-output pool fills with progress (and Cancel), then trains, and reads out its truncated mass', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const errors: string[] = [];
  await openStudio(page, errors);
  await selectOption(page, 'Task', 'text');
  await setField(page, 'Context (characters)', '16');
  await setField(page, 'Held-out windows', '16');
  await setField(page, 'Batch size', '8');
  await setField(page, 'Evaluate every', '5');
  await setField(page, 'Samples every (steps)', '1000');
  await page.getByRole('checkbox', { name: 'Write samples' }).uncheck();
  await selectOption(page, 'Backend', 'wasm');

  await page.getByRole('checkbox', { name: 'A fixed pool of windows, teacher outputs computed once' }).check();
  const readoutLine = page.getByLabel('Teacher-output pool readout');
  // Before it is filled: what it will store (16 tokens × (8 × 5 + 4) + 4 bytes per window), not yet its mass.
  await expect(readoutLine).toContainText('Stores 708 bytes per window');
  await expect(readoutLine).toContainText('measured when the pool is filled');

  // The largest pool takes a while to fill: its bar shows, and Cancel leaves nothing built.
  await setField(page, 'Pool windows', '4096');
  await page.getByRole('button', { name: 'Play' }).click();
  const bar = page.getByRole('progressbar', { name: 'Filling the teacher-output pool' });
  await expect(bar).toBeVisible({ timeout: 120_000 });
  await expect(page.getByRole('banner').getByRole('status')).toContainText(
    /Filling the teacher-output pool [\d,]+\/4,096 windows/,
  );
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('banner').getByRole('status')).toContainText('Ready: press Play', { timeout: 30_000 });
  await expect(bar).toHaveCount(0);

  // A small pool: filled, then training starts on it.
  await setField(page, 'Pool windows', '64');
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForReadout(page, 'Step', (v) => v >= 10, 180_000);
  await expect(readout(page, 'Backend')).toHaveText('wasm');
  await expect(readoutLine).toContainText(
    /Probability outside the top 8: \d+\.\d\d% on average over the pool’s 1,024 tokens/,
  );
  const mass = Number(/top 8: (\d+\.\d+)%/.exec(await readoutLine.innerText())![1]);
  expect(mass).toBeGreaterThan(0);
  expect(mass).toBeLessThan(50);
  await expect(page.getByRole('img', { name: /^Agreement with the teacher: pool windows/ })).toBeVisible();
  // No teacher pass, targets uploaded every step: the tensor count stays flat.
  await expectFlatTensorCount(page, 1000, 3);
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.screenshot({ path: 'e2e/artifacts/text-pool.png', fullPage: true });
  const pool = await runColumn(page, 'evals', '0:poolAgreement');
  expect(pool.length).toBeGreaterThanOrEqual(2);
  expect(pool.every((v) => v >= 0 && v <= 1)).toBe(true);
  expect(errors).toEqual([]);
});
