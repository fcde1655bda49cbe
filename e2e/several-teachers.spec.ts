/** Issue 17 §5 in a real browser: the several-teachers preset distils from the three shipped teachers mixed. */
import AxeBuilder from '@axe-core/playwright';
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
  // Each teacher alone beside the mix: its own test accuracy and how often it agrees with the mix.
  const members = page.getByRole('table', { name: 'Each teacher and the mix' });
  await expect(members.getByRole('row')).toHaveCount(5);
  await expect(members.getByRole('row', { name: /^fashion-cnn \d+\.\d% \d+\.\d%$/ })).toBeVisible();
  await expect(members.getByRole('row', { name: /^fashion-cnn-xxs \d+\.\d% \d+\.\d%$/ })).toBeVisible();
  await expect(members.getByRole('row', { name: /^the mix \(average\) \d+\.\d% 100\.0%$/ })).toBeVisible();
  // Image by image: the counts over all 300 test images, the filter, and tiles that name each teacher.
  const map = page.getByRole('region', { name: 'Where the teachers and the mix disagree' });
  const counts = map.locator('.teacher-map-counts');
  await expect(counts).toContainText(/^Of 300 test images, some teacher’s class is not the mix’s on \d+ /);
  const disagree = Number((await counts.innerText()).match(/mix’s on (\d+)/)![1]);
  // Three teachers of 84–89% test accuracy: they part from their average on a few images in a hundred, not none, not most.
  expect(disagree).toBeGreaterThan(3);
  expect(disagree).toBeLessThan(120);
  const tiles = map.getByRole('list', { name: 'Test images, each teacher and the mix' }).getByRole('button');
  await expect(tiles).toHaveCount(24);
  await expect(tiles.first()).toHaveAccessibleName(
    /^Test image 0: .+\. fashion-cnn (right|wrong) \(.+\); fashion-cnn-xs .+; fashion-cnn-xxs .+; mix (right|wrong) \(.+\)$/,
  );
  await map.getByRole('checkbox', { name: /^Only where they disagree/ }).check();
  await expect(tiles).toHaveCount(Math.min(24, disagree));
  await expect(tiles.first()).toHaveAccessibleName(/, not the mix\)/);
  await map.screenshot({ path: 'e2e/artifacts/several-teachers-map.png' });
  // Serious and critical axe violations in the map (names, contrast of its ✓ and ✗).
  const axe = await new AxeBuilder({ page }).include('.teacher-map').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
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

test('"Run it as a sweep" runs labelled fraction × mix and charts student − best teacher', async ({ page }) => {
  const errors: string[] = [];
  await openStudio(page, errors);
  await selectOption(page, 'Experiment', 'several-teachers');
  // The sweep starts from the current experiment: a small slice keeps each of its runs short.
  await setField(page, 'Training images', '1000');
  await setField(page, 'Test images', '300');
  const card = page.getByRole('region', { name: 'Several teachers lab' });
  await card.getByRole('button', { name: 'Run it as a sweep' }).click();
  const results = page.getByRole('dialog', { name: /^Several teachers: labelled fraction × mix/ });
  await expect(results.getByRole('status').first()).toContainText(/^[1-9]\d* of 18 runs/, { timeout: 240_000 });
  // The lab's chart, drawn from the finished runs while the rest go on: a point, the zero line.
  const gaps = results.getByRole('list', { name: 'Student minus best teacher' });
  await expect(gaps).toContainText(/KD from the mix: average: labels 1\.0% [+−]\d+\.\d pts/);
  await expect(gaps).toContainText(/labels only: labels 1\.0% −\d+\.\d pts/);
  const chart = results.locator('.several-teachers-chart');
  await expect(chart.locator('.recharts-reference-line')).toHaveCount(1);
  await expect(chart.locator('.recharts-line-dots circle').first()).toBeVisible();
  await results.screenshot({ path: 'e2e/artifacts/several-teachers-sweep.png' });
  await results.getByRole('button', { name: 'Cancel sweep' }).click();
  await expect(results.getByRole('alert')).toHaveText('Cancelled. The runs that finished are shown.');
  await expect(gaps).toBeVisible();
  expect(errors).toEqual([]);
});
