/** Issue 3 in a real browser: races of students and objectives switched while training. */
import { expect, test, type Page } from '@playwright/test';
import { openStudio, readout, readoutValue, selectOption, useQuickExperiment, waitForReadout } from './helpers';

interface RunSnapshot {
  steps: number[];
  names: string[];
  columns: number[][];
  evalNames: string[];
  evals: number[][];
}

const snapshot = (page: Page): Promise<RunSnapshot> =>
  page.evaluate(() => {
    type S = { steps: number[]; names: string[]; columns: number[][] };
    const run = (window as unknown as { kdStudio: { run(): { loss: S; evals: S } } }).kdStudio.run();
    return {
      steps: [...run.loss.steps],
      names: [...run.loss.names],
      columns: run.loss.columns.map((c) => [...c]),
      evalNames: [...run.evals.names],
      evals: run.evals.columns.map((c) => [...c]),
    };
  });

const column = (s: RunSnapshot, name: string) => s.columns[s.names.indexOf(name)] ?? [];
const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;

for (const backend of ['webgpu', 'cpu'] as const) {
  test(`a race of three students runs on ${backend} and every lane progresses`, async ({ page }) => {
    const errors: string[] = [];
    await openStudio(page, errors);
    await useQuickExperiment(page);
    await page.getByRole('button', { name: /Add student/ }).click();
    await page.getByRole('button', { name: /Add student/ }).click();
    await expect(page.getByRole('button', { name: /^Student \d ·/ })).toHaveCount(3);
    await selectOption(page, 'Backend', backend);
    await page.getByRole('button', { name: 'Play' }).click();
    await waitForReadout(page, 'Step', (v) => v >= (backend === 'webgpu' ? 80 : 400), 200_000);
    await page.getByRole('button', { name: 'Pause' }).click();
    // The race really ran on the backend asked for (no silent fallback).
    await expect(readout(page, 'Backend')).toHaveText(backend);
    const table = page.getByRole('table', { name: 'Race standings' });
    await expect(table.getByRole('row')).toHaveCount(4); // header + 3 lanes
    const s = await snapshot(page);
    for (const lane of [0, 1, 2]) {
      const total = column(s, `${lane}:total`);
      expect(total.every(Number.isFinite), `lane ${lane} losses are finite`).toBe(true);
      // Progress: the loss at the end is below the loss at the start.
      expect(mean(total.slice(-10)), `lane ${lane} loss falls`).toBeLessThan(mean(total.slice(0, 10)));
      const agree = s.evals[s.evalNames.indexOf(`${lane}:agreement`)]!;
      expect(agree.length).toBeGreaterThan(3);
      expect(agree.at(-1)!, `lane ${lane} agreement rises`).toBeGreaterThan(agree[0]!);
    }
    // The lanes run different objectives: their curves differ.
    expect(column(s, '1:total')).not.toEqual(column(s, '0:total'));
    await page.screenshot({ path: `e2e/artifacts/race-${backend}.png`, fullPage: true });
    expect(errors).toEqual([]);
  });
}

test('switching the objective mid-run takes effect on the next step, without a restart', async ({ page }) => {
  const errors: string[] = [];
  await openStudio(page, errors);
  await useQuickExperiment(page);
  await selectOption(page, 'Backend', 'cpu');
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForReadout(page, 'Step', (v) => v >= 200);
  // The step readout lags the worker, so the last step before the switch is at least this.
  const before = await readoutValue(page, 'Step');
  await selectOption(page, 'Objective', 'taid');
  await expect(page.getByRole('img', { name: /^Loss: .*KL\(p_t‖q\)/ })).toBeVisible();
  const seen = await readoutValue(page, 'Step');
  await waitForReadout(page, 'Step', (v) => v >= seen + 200);
  await page.getByRole('button', { name: 'Pause' }).click();
  const s = await snapshot(page);
  // One unbroken run: every step once, in order, from 1.
  expect(s.steps).toEqual(s.steps.map((_, i) => i + 1));
  // Each step ran exactly one objective, and the first step after the switch ran the new one:
  // Hinton's temperature column (TAID has none) stops at step k and TAID's t starts at k + 1.
  const t = column(s, '0:t');
  const hintonT = column(s, '0:T');
  const first = t.findIndex(Number.isFinite);
  const lastHinton = hintonT.findLastIndex(Number.isFinite);
  expect(first).toBeGreaterThan(150);
  expect(first, 'TAID starts on the step right after Hinton’s last').toBe(lastHinton + 1);
  expect(hintonT.slice(0, first).every(Number.isFinite), 'Hinton on every step before').toBe(true);
  expect(hintonT.slice(first).every(Number.isNaN), 'Hinton on no step after').toBe(true);
  expect(t.slice(first).every(Number.isFinite), 'TAID on every step after').toBe(true);
  // …and the switch landed after the step seen before the select.
  expect(s.steps[first]!).toBeGreaterThan(before);
  expect(t.slice(0, first).every(Number.isNaN)).toBe(true);
  expect(t[first]).toBeCloseTo(0.4, 5);
  const after = t.slice(first);
  expect(after.every((v, i) => i === 0 || v >= after[i - 1]!)).toBe(true);
  expect(after.at(-1)!).toBeGreaterThan(0.4);
  // The loss parts chart still shows TAID's divergence.
  await expect(page.getByRole('img', { name: /^Loss: .*KL\(p_t‖q\)/ })).toBeVisible();
  // Paused, where no step can race the edit, a switch takes effect on exactly the next step.
  // The worker says "paused" after posting every step it ran, so from here the run's series
  // hold the last step.
  await expect(page.getByRole('status')).toContainText('Paused');
  const k = (await snapshot(page)).steps.at(-1)!;
  await selectOption(page, 'Objective', 'hinton');
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect.poll(async () => (await snapshot(page)).steps.at(-1)).toBe(k + 1);
  const s2 = await snapshot(page);
  expect(column(s2, '0:T').at(-1), 'step k + 1 ran Hinton').toBe(4);
  expect(column(s2, '0:t').at(-1), 'and not TAID').toBeNaN();
  expect(column(s2, '0:t').at(-2), 'step k ran TAID').toBeGreaterThan(0.4);
  expect(errors).toEqual([]);
});

test('an objective the models cannot feed is greyed out with the reason', async ({ page }) => {
  await openStudio(page);
  await page.getByLabel('Student Hidden widths', { exact: true }).fill('');
  await page.getByLabel('Student Hidden widths', { exact: true }).press('Enter');
  const option = page.getByLabel('Objective', { exact: true }).locator('option[value="features"]');
  await expect(option).toBeDisabled();
  await expect(option).toHaveAttribute('title', /student has no hidden layer/);
  await expect(page.getByText(/Relational KD \(distance \+ angle\) needs hidden features/)).toBeVisible();
});
