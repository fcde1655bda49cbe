/** Issue 17 §5 in a real browser: the several-teachers preset distils from the three shipped teachers mixed. */
import { expect, test } from '@playwright/test';
import { openStudio, readoutValue, selectOption, setField } from './helpers';

test('the several-teachers preset distils from a mix of three teachers, and the mix can change', async ({ page }) => {
  const errors: string[] = [];
  await openStudio(page, errors);
  await selectOption(page, 'Experiment', 'several-teachers');
  await expect(page.getByLabel('Several teachers', { exact: true })).toBeChecked();
  await expect(page.getByRole('combobox', { name: 'Teacher Mix', exact: true })).toHaveValue('average');
  await setField(page, 'Training images', '1000');
  await setField(page, 'Test images', '300');
  await setField(page, 'Steps', '100');
  await setField(page, 'Evaluate every', '50');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('status')).toContainText('Done', { timeout: 240_000 });
  const averaged = await readoutValue(page, 'Teacher accuracy');
  expect(averaged).toBeGreaterThan(0.8);
  expect(await readoutValue(page, 'Student accuracy')).toBeGreaterThan(0.3);
  const hash = await page.locator('.weights-hash').innerText();
  expect(hash).toMatch(/^[0-9a-f]{12}$/);

  // Per example, the most confident teacher: another frozen teacher (its own stamp), run afresh.
  await selectOption(page, 'Teacher Mix', 'per-example');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.locator('.weights-hash')).not.toHaveText(hash, { timeout: 240_000 });
  await expect(page.getByRole('status')).toContainText('Done', { timeout: 240_000 });
  expect(await readoutValue(page, 'Teacher accuracy')).toBeGreaterThan(0.8);
  expect(errors).toEqual([]);
});
