/**
 * Issue 17 §4 in a real browser: the top-k teacher preset, run small. Each lane's readout says
 * what its top k stores and (once the teacher is ready) how much probability it leaves out; the
 * against-k chart and its table appear and their values move with training; the slider changes
 * a lane's k live.
 */
import { expect, test } from '@playwright/test';
import { openStudio, selectOption, setField, waitForReadout } from './helpers';
import { expectFlatTensorCount } from './sampling';

test('the top-k preset reads out bytes and truncated mass, and its against-k chart appears and moves', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const errors: string[] = [];
  await openStudio(page, errors);
  await selectOption(page, 'Experiment', 'top-k');
  await setField(page, 'Training images', '500');
  await setField(page, 'Test images', '200');
  await setField(page, 'Batch size', '32');
  await setField(page, 'Evaluate every', '5');
  await selectOption(page, 'Backend', 'wasm');

  const line = page.getByLabel('Student 1 top-k readout');
  await expect(line).toContainText('Keeps 1 of 10 classes: 9 bytes per example (the whole: 40 bytes)');
  await expect(line).toContainText('measured when the teacher is ready');

  await page.getByRole('button', { name: 'Play' }).click();
  await waitForReadout(page, 'Step', (v) => v >= 10, 200_000);
  await expect(line).toContainText(/Leaves out \d+\.\d\d% of the teacher’s probability on the held-out set/);

  const chart = page.getByRole('figure', { name: 'Against k' });
  await expect(chart).toBeVisible();
  const table = chart.getByRole('table', { name: 'Top-k lanes' });
  await expect(table.getByRole('row')).toHaveCount(6);
  // A row's student, k, bytes and dropped mass, cell by cell.
  const head = async (n: number) =>
    (await table.getByRole('row').nth(n).locator('th, td').allInnerTexts()).slice(0, 4).join(' | ');
  // Lane 1 keeps 1 class (9 bytes), lane 5 all 10 (40 bytes, nothing truncated).
  await expect.poll(() => head(1)).toMatch(/^1 \| 1 \| 9 \| \d+\.\d\d%$/);
  await expect.poll(() => head(5)).toBe('5 | 10 | 40 | 0.00%');
  await expect(chart.locator('.recharts-line').first()).toBeVisible();

  // The table's accuracy and ECE move as the students train.
  const cells = async () => (await table.getByRole('row').nth(1).locator('td').allInnerTexts()).slice(3).join(' ');
  const before = await cells();
  expect(before).toMatch(/\d+\.\d%/);
  await expect.poll(cells, { timeout: 120_000 }).not.toBe(before);

  // The slider sets a lane's k live: student 1 now keeps 3 classes.
  await page.getByLabel('Student 1 Teacher top k', { exact: true }).fill('3');
  await page.getByLabel('Student 1 Teacher top k', { exact: true }).press('Enter');
  await expect(line).toContainText('Keeps 3 of 10 classes: 19 bytes per example');
  await expect.poll(() => head(1), { timeout: 60_000 }).toMatch(/^1 \| 3 \| 19 \| /);
  await expectFlatTensorCount(page, 1500, 3);
  await page.screenshot({ path: 'e2e/artifacts/top-k.png', fullPage: true });
  expect(errors).toEqual([]);
});
