/**
 * Issue 17 §3 for text in a real browser: the text teacher-hacking preset, run small. A lane on
 * the pool's windows and a lane on fresh windows train side by side; the oracle task's log-log
 * chart shows each lane's proxy and golden distances (golden: held-out KL to the shipped
 * teacher, the oracle here), its readout names each lane's windows, and the distances move.
 */
import { expect, test } from '@playwright/test';
import { openStudio, runColumn, selectOption, setField, waitForReadout } from './helpers';

test('the text teacher-hacking preset charts a pool lane and a fresh lane on log-log axes', async ({ page }) => {
  test.setTimeout(300_000);
  const errors: string[] = [];
  await openStudio(page, errors);
  await selectOption(page, 'Experiment', 'text-teacher-hacking');
  await expect(page.getByText(/Student 1 trains on a fixed pool of 64 windows/)).toBeVisible();
  // Each student's windows are a field of the Data section, as the oracle task's inputs are.
  const windows = page.getByRole('group', { name: 'Windows per student' });
  await expect(windows.getByRole('combobox', { name: 'Student 1' })).toHaveValue('pool');
  await expect(windows.getByRole('combobox', { name: 'Student 2' })).toHaveValue('fresh');
  // Small: short windows, few held-out ones, frequent evaluations.
  await setField(page, 'Context (characters)', '16');
  await setField(page, 'Held-out windows', '16');
  await setField(page, 'Batch size', '8');
  await setField(page, 'Evaluate every', '5');
  await setField(page, 'Samples every (steps)', '1000');
  await page.getByRole('checkbox', { name: 'Write samples' }).uncheck();
  await selectOption(page, 'Backend', 'wasm');

  // Before any evaluation the chart says so inside its own box (its "No data yet" once sat at
  // the top of the page, over the intro card).
  const chart = page.getByRole('figure', { name: 'Teacher hacking' });
  const empty = chart.getByText('No data yet');
  await expect(empty).toBeVisible();
  const [box, inner] = await Promise.all([chart.boundingBox(), empty.boundingBox()]);
  expect(inner!.y).toBeGreaterThan(box!.y);
  expect(inner!.y + inner!.height).toBeLessThanOrEqual(box!.y + box!.height);

  await page.getByRole('button', { name: 'Play' }).click();
  await waitForReadout(page, 'Step', (v) => v >= 30, 240_000);
  await expect(chart).toBeVisible();
  await expect(chart).toContainText('the oracle is the teacher (the shipped transformer)');
  // Two lanes × (golden, proxy, and a fitted line for each).
  await expect(chart.locator('.recharts-line')).toHaveCount(8, { timeout: 60_000 });
  const readout = page.getByRole('list', { name: 'Teacher hacking readout' });
  await expect(readout.getByRole('listitem')).toHaveCount(2);
  await expect(readout.getByRole('listitem').first()).toContainText('fixed pool');
  await expect(readout.getByRole('listitem').nth(1)).toContainText('fresh inputs');
  const proxy = readout.getByTestId('proxy').first();
  const before = await proxy.innerText();
  await waitForReadout(page, 'Step', (v) => v >= 60, 240_000);
  await expect.poll(() => proxy.innerText(), { timeout: 60_000 }).not.toBe(before);
  await page.getByRole('button', { name: 'Pause' }).click();

  for (const column of ['0:poolKl', '0:kl', '1:kl']) {
    const values = await runColumn(page, 'evals', column);
    expect(values.length, column).toBeGreaterThanOrEqual(6);
    expect(
      values.every((v) => Number.isFinite(v) && v >= 0),
      column,
    ).toBe(true);
  }
  // The pool lane's proxy falls from where the untrained student starts, as does the fresh lane's.
  for (const column of ['0:poolKl', '1:kl']) {
    const values = await runColumn(page, 'evals', column);
    expect(values[values.length - 1]!, column).toBeLessThan(values[0]!);
  }
  await page.screenshot({ path: 'e2e/artifacts/text-teacher-hacking.png', fullPage: true });
  await chart.screenshot({ path: 'e2e/artifacts/text-teacher-hacking-chart.png' });
  await page.setViewportSize({ width: 390, height: 844 });
  await chart.scrollIntoViewIfNeeded();
  await chart.screenshot({ path: 'e2e/artifacts/text-teacher-hacking-chart-390.png' });
  expect(errors).toEqual([]);
});
