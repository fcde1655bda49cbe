/**
 * Issue 17 §3 in a real browser: the teacher-hacking preset (the oracle task), run small. The
 * log-log chart of proxy and golden distances appears with a line per lane and fitted power
 * laws, its readout names each lane's inputs, and the distances move as the students train.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { openStudio, runColumn, selectOption, setField, waitForReadout } from './helpers';

test('the teacher-hacking preset charts proxy and golden distances on log-log axes, and they move', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const errors: string[] = [];
  await openStudio(page, errors);
  await selectOption(page, 'Experiment', 'teacher-hacking');
  await expect(page.getByText(/Student 1 sees only a fixed pool of 8 inputs/)).toBeVisible();
  await setField(page, 'Teacher Training steps', '200');
  await setField(page, 'Evaluate every', '10');
  await selectOption(page, 'Backend', 'wasm');
  // Each student's inputs are a field of the Data section.
  const inputs = page.getByRole('group', { name: 'Inputs per student' });
  await expect(inputs.getByRole('combobox', { name: 'Student 1' })).toHaveValue('pool');
  await expect(inputs.getByRole('combobox', { name: 'Student 2' })).toHaveValue('fresh');

  await page.getByRole('button', { name: 'Play' }).click();
  await waitForReadout(page, 'Step', (v) => v >= 100, 180_000);
  const chart = page.getByRole('figure', { name: 'Teacher hacking' });
  await expect(chart).toBeVisible();
  // Two lanes × (golden, proxy, and a fitted line for each).
  await expect(chart.locator('.recharts-line')).toHaveCount(8, { timeout: 30_000 });
  const readout = page.getByRole('list', { name: 'Teacher hacking readout' });
  await expect(readout.getByRole('listitem')).toHaveCount(2);
  await expect(readout.getByRole('listitem').first()).toContainText('fixed pool');
  await expect(readout.getByRole('listitem').nth(1)).toContainText('fresh inputs');
  const golden = readout.getByTestId('golden').first();
  const before = await golden.innerText();
  await waitForReadout(page, 'Step', (v) => v >= 400, 180_000);
  await expect.poll(() => golden.innerText(), { timeout: 60_000 }).not.toBe(before);
  await page.getByRole('button', { name: 'Pause' }).click();

  for (const column of ['0:golden', '1:golden', '0:poolKl', '1:kl']) {
    const values = await runColumn(page, 'evals', column);
    expect(values.length, column).toBeGreaterThanOrEqual(10);
    expect(
      values.every((v) => Number.isFinite(v) && v >= 0),
      column,
    ).toBe(true);
  }
  // Each lane's proxy falls from where the untrained student starts, and so does the fresh lane's golden distance.
  for (const column of ['0:poolKl', '1:kl', '1:golden']) {
    const values = await runColumn(page, 'evals', column);
    expect(values[values.length - 1]!, column).toBeLessThan(values[0]!);
  }
  // The task's own fields, chart and readout pass axe's serious and critical rules.
  const axe = await new AxeBuilder({ page }).analyze();
  const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`))).toEqual([]);
  await page.screenshot({ path: 'e2e/artifacts/teacher-hacking.png', fullPage: true });
  expect(errors).toEqual([]);
});
