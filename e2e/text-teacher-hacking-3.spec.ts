/**
 * Issue 17 §3 for text with three models, in a real browser: the preset run small. A small
 * transformer is distilled from the shipped one first (the progress bar counts its steps), then
 * a pool lane and a fresh lane distil it; the hacking chart reads the golden column
 * (KL(oracle‖student)) and draws the teacher's own KL(oracle‖teacher) as a reference line, and
 * the Teacher section reads out the prepared teacher.
 */
import { expect, test } from '@playwright/test';
import { openStudio, runColumn, selectOption, setField, waitForReadout } from './helpers';

test('the three-model text teacher-hacking preset distils a small teacher, then charts golden against proxy', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const errors: string[] = [];
  await openStudio(page, errors);
  await selectOption(page, 'Experiment', 'text-teacher-hacking-3');
  await expect(page.getByText(/a 2×48 teacher is distilled from it first/)).toBeVisible();
  await setField(page, 'Context (characters)', '16');
  await setField(page, 'Held-out windows', '16');
  await setField(page, 'Batch size', '8');
  await setField(page, 'Evaluate every', '5');
  await setField(page, 'Samples every (steps)', '1000');
  await setField(page, 'Teacher Small teacher steps', '20');
  await page.getByRole('checkbox', { name: 'Write samples' }).uncheck();
  await selectOption(page, 'Backend', 'wasm');

  await page.getByRole('button', { name: 'Play' }).click();
  await waitForReadout(page, 'Step', (v) => v >= 30, 240_000);
  await expect(page.getByTestId('distilled-readout')).toContainText('KL(oracle‖teacher)');
  const chart = page.getByRole('figure', { name: 'Teacher hacking' });
  await expect(chart).toContainText('the teacher a small one distilled from it');
  await expect(chart.getByTestId('teacher-golden')).toBeVisible();
  await expect(chart.locator('.recharts-line')).toHaveCount(8, { timeout: 60_000 });
  await expect(chart.locator('.recharts-reference-line')).toHaveCount(1);
  await page.getByRole('button', { name: 'Pause' }).click();

  for (const column of ['0:golden', '0:poolKl', '1:golden', '1:kl']) {
    const values = await runColumn(page, 'evals', column);
    expect(values.length, column).toBeGreaterThanOrEqual(6);
    expect(
      values.every((v) => Number.isFinite(v) && v >= 0),
      column,
    ).toBe(true);
  }
  // Golden (to the oracle) and proxy (to the small teacher) are different distances.
  const golden = await runColumn(page, 'evals', '1:golden');
  const proxy = await runColumn(page, 'evals', '1:kl');
  expect(golden[golden.length - 1]).not.toBeCloseTo(proxy[proxy.length - 1]!, 3);
  await chart.screenshot({ path: 'e2e/artifacts/text-teacher-hacking-3-chart.png' });
  await page.setViewportSize({ width: 390, height: 844 });
  await chart.scrollIntoViewIfNeeded();
  await chart.screenshot({ path: 'e2e/artifacts/text-teacher-hacking-3-chart-390.png' });
  expect(errors).toEqual([]);
});
