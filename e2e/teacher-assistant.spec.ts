/** Issue 17 §2 in a real browser: the teacher-assistant preset distils an MLP assistant first, then the lanes from it. */
import { expect, test } from '@playwright/test';
import { openStudio, readout, readoutValue, selectOption, setField, waitForReadout } from './helpers';

test('the teacher-assistant preset trains the assistant, then the students learn from it', async ({ page }) => {
  const errors: string[] = [];
  await openStudio(page, errors);
  await selectOption(page, 'Experiment', 'teacher-assistant');
  await expect(page.getByLabel('Teacher assistant', { exact: true })).toBeChecked();
  await setField(page, 'Training images', '1000');
  await setField(page, 'Test images', '300');
  await setField(page, 'Teacher Assistant steps', '200');
  await setField(page, 'Steps', '150');
  await setField(page, 'Evaluate every', '50');
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForReadout(page, 'Step', (v) => v >= 50, 240_000);
  // The frozen teacher the lanes see is the assistant: measured here, and not the CNN's 88.6%.
  const teacher = await readoutValue(page, 'Teacher accuracy');
  expect(teacher).toBeGreaterThan(0.5);
  expect(teacher).not.toBeCloseTo(0.886, 3);
  await expect(page.getByRole('status')).toContainText('Done', { timeout: 240_000 });
  expect(await readoutValue(page, 'Step')).toBe(150);
  expect(await readoutValue(page, 'Student accuracy')).toBeGreaterThan(0.3);
  await expect(readout(page, 'Agreement')).toHaveText(/%$/);

  // Off: the lanes learn from the CNN itself again (a rebuild), whose accuracy is its own.
  await page.getByLabel('Teacher assistant', { exact: true }).uncheck();
  await expect(page.getByLabel('Teacher Assistant steps', { exact: true })).toHaveCount(0);
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('status')).toContainText('Done', { timeout: 240_000 });
  expect(await readoutValue(page, 'Teacher accuracy')).toBeGreaterThan(0.85);
  expect(errors).toEqual([]);
});
