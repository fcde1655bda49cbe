/**
 * Sweeps (issue 17 §1) in the real page and the real engine: a small sweep of T runs in its own
 * worker with progress, ends with a chart and a table, downloads as CSV, is saved in History and
 * reopens from its link without running again; "Does KD beat labels only?" ends with a verdict
 * named with its test.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { TOY_CONFIG } from '../src/tasks/toy2d/defaults';
import { encodeLink } from '../src/share/link';
import type { ExperimentConfig } from '../src/config/schema';

const SMALL: ExperimentConfig = {
  ...TOY_CONFIG,
  backend: 'cpu',
  task: { ...TOY_CONFIG.task, dataset: 'moons', points: 200 },
  teacher: { ...TOY_CONFIG.teacher, trainSteps: 60 },
  train: { ...TOY_CONFIG.train, steps: 60 },
};

/** Chooses `item` in the toolbar's Sweeps menu. */
async function fromMenu(page: Page, item: string) {
  await page
    .getByRole('banner')
    .getByRole('button', { name: /^Sweeps/ })
    .click();
  await page.getByRole('banner').getByRole('button', { name: item, exact: true }).click();
}

const resultsDialog = (page: Page, name: RegExp | string) => page.getByRole('dialog', { name });

test('a sweep of T: progress, chart, table, CSV, History, and a link that reopens the results', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`./#${encodeLink(SMALL)}`);
  await fromMenu(page, 'Sweep…');
  const setup = page.getByRole('dialog', { name: 'Sweep', exact: true });
  await expect(setup).toBeVisible();
  await expect(setup.getByRole('combobox', { name: 'Vary' })).toHaveValue('lanes.0.params.T');
  await setup.getByRole('textbox', { name: 'Values' }).fill('1, 4');
  await setup.getByRole('textbox', { name: 'Seeds' }).fill('2');
  await setup.getByRole('textbox', { name: 'Steps per run' }).fill('40');
  await expect(setup.getByRole('status')).toContainText('4 runs');
  await setup.getByRole('textbox', { name: 'Values' }).fill('1, x');
  await expect(setup.getByRole('status')).toHaveText('“x” is not a number.');
  await expect(setup.getByRole('button', { name: 'Run sweep' })).toBeDisabled();
  await setup.getByRole('textbox', { name: 'Values' }).fill('1, 4');
  await setup.getByRole('button', { name: 'Run sweep' }).click();

  const results = resultsDialog(page, /^Sweep of Student 1 › Temperature T/);
  await expect(results).toBeVisible();
  const progress = results.getByRole('progressbar', { name: 'Sweep progress' });
  await expect(progress).toBeVisible();
  // The bar moves: 2 of 4 runs (one seed's session holds both points as lanes) before the end.
  await expect(results.getByRole('status').first()).toContainText(/[1-3] of 4 runs/, { timeout: 120_000 });
  await expect(results.getByText(/^Finished: 4 runs of 40 steps on cpu/)).toBeVisible({ timeout: 120_000 });
  await expect(progress).toHaveCount(0);
  await expect(
    results.getByRole('figure', { name: /^Student accuracy against Student 1 › Temperature T/ }),
  ).toBeVisible();
  await expect(results.locator('.sweep-chart .recharts-line')).toHaveCount(1);
  const table = results.getByRole('table', { name: /^Sweep results/ });
  await expect(table.locator('tbody tr')).toHaveCount(2);
  const tableText = (await table.textContent())!;
  expect(tableText).toMatch(/%\s±/);
  await expect(results.getByText('Saved in History.', { exact: false })).toBeVisible();

  const download = page.waitForEvent('download');
  await results.getByRole('button', { name: 'Download CSV' }).click();
  const csv = await readFile((await (await download).path())!, 'utf8');
  const lines = csv.trim().split(/\r?\n/);
  expect(lines[0]).toMatch(/^lanes\.0\.params\.T,seed,steps,lane,studentAccuracy,agreement,kl,ece,teacherAccuracy/);
  expect(lines).toHaveLength(5);
  expect(lines[1]).toMatch(/^1,42,40,1 · Forward KL,0\.\d+/);

  const link = await results.getByRole('textbox', { name: 'Link to these results' }).inputValue();
  expect(link).toContain('&sweep=');

  // History lists it and reopens it.
  await results.getByRole('button', { name: 'Close sweep results' }).click();
  await page
    .getByRole('banner')
    .getByRole('button', { name: /^History/ })
    .click();
  const history = page.getByRole('dialog', { name: 'Run history' });
  const saved = history.getByRole('table', { name: 'Saved sweeps' });
  await expect(saved.locator('tbody tr')).toHaveCount(1);
  await saved.getByRole('button', { name: 'Open results' }).click();
  await expect(results.getByRole('table', { name: /^Sweep results/ })).toHaveText(tableText);
  await results.getByRole('button', { name: 'Close sweep results' }).click();

  // The link, opened afresh, shows the same results without running anything.
  await page.goto('about:blank');
  await page.goto(link);
  await expect(results).toBeVisible();
  await expect(results.getByRole('table', { name: /^Sweep results/ })).toHaveText(tableText);
  await expect(results.getByRole('progressbar')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('“Does KD beat labels only?” runs 5 seeds and names its verdict and its test', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`./#${encodeLink(SMALL)}`);
  await fromMenu(page, 'Does KD beat labels only?');
  const results = resultsDialog(page, 'Does KD beat labels only?');
  await expect(results.getByRole('progressbar', { name: 'Sweep progress' })).toBeVisible();
  await expect(results.getByRole('status').first()).toContainText(/of 5 runs/, { timeout: 60_000 });
  const verdict = results.getByRole('region', { name: 'Verdict' });
  await expect(verdict).toBeVisible({ timeout: 180_000 });
  await expect(results.getByText(/^Finished: 5 runs of 60 steps/)).toBeVisible({ timeout: 180_000 });
  await expect(verdict.locator('.verdict-word')).toHaveText(/^(BEATS|NO BEATS|INCONCLUSIVE)$/);
  await expect(verdict).toContainText('Welch’s two-sided t-test (unequal variances), α = 0.05');
  await expect(verdict).toContainText(/t = −?\d+\.\d\d, df = \d+\.\d, p = /);
  const rows = verdict.locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText(/Forward KL\s*\d+\.\d%\s*± \d+\.\d%\s*5$/);
  await expect(rows.nth(1)).toContainText(/No teacher\s*\d+\.\d%\s*± \d+\.\d%\s*5$/);
  expect(errors).toEqual([]);
});

test('Cancel stops a sweep between steps and keeps the runs that finished', async ({ page }) => {
  await page.goto(`./#${encodeLink(SMALL)}`);
  await fromMenu(page, 'Sweep…');
  const setup = page.getByRole('dialog', { name: 'Sweep', exact: true });
  // The learning rate is no lane setting: one session per run, so runs finish one at a time.
  await setup.getByRole('combobox', { name: 'Vary' }).selectOption('train.lr');
  await setup.getByRole('textbox', { name: 'Values' }).fill('0.01, 0.02, 0.03, 0.04');
  await setup.getByRole('textbox', { name: 'Seeds' }).fill('3');
  await setup.getByRole('textbox', { name: 'Steps per run' }).fill('200');
  await setup.getByRole('button', { name: 'Run sweep' }).click();
  const results = resultsDialog(page, /^Sweep of Learning rate/);
  await expect(results.getByRole('status').first()).toContainText(/^[1-9]\d* of 12 runs · about \d+ (s|min) left/, {
    timeout: 120_000,
  });
  await results.getByRole('button', { name: 'Cancel sweep' }).click();
  await expect(results.getByRole('alert')).toHaveText('Cancelled. The runs that finished are shown.');
  await expect(results.getByText(/^Stopped early: \d+ runs of 200 steps/)).toBeVisible();
  await expect(results.getByRole('progressbar')).toHaveCount(0);
  await expect(results.getByRole('table', { name: /^Sweep results/ }).locator('tbody tr')).toHaveCount(4);
});
