/** Issue 17 §2 in a real browser: the capacity-gap preset, two teachers of the ladder, the ratio chart. */
import { expect, test } from '@playwright/test';
import { openStudio, readoutValue, selectOption, setField } from './helpers';

test('the capacity-gap preset charts student accuracy against the teacher/student ratio, best teacher marked', async ({
  page,
}) => {
  const errors: string[] = [];
  await openStudio(page, errors);
  await selectOption(page, 'Experiment', 'capacity-gap');
  // A small slice and budget: the chart, not the numbers (those are measured in the README).
  await setField(page, 'Training images', '1000');
  await setField(page, 'Test images', '300');
  await setField(page, 'Steps', '150');
  await setField(page, 'Evaluate every', '50');
  await expect(page.getByRole('combobox', { name: 'Teacher Size', exact: true })).toHaveValue('fashion-cnn-xxs');
  const gap = page.getByRole('region', { name: 'Capacity gap' });
  await expect(gap).toContainText('Run the experiment');

  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('status')).toContainText('Done', { timeout: 240_000 });
  const best = gap.getByRole('list', { name: 'Best teacher per student' });
  await expect(best).toContainText(
    /MLP 8: best teacher fashion-cnn-xxs, ratio 0\.58, accuracy \d+\.\d%.*1 teacher tried/,
  );
  const firstAccuracy = await readoutValue(page, 'Student accuracy');
  expect(firstAccuracy).toBeGreaterThan(0.3);

  // The largest teacher: a second point on the same line, 8.9 times the student's weights.
  await selectOption(page, 'Teacher Size', 'fashion-cnn');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(best).toContainText('2 teachers tried', { timeout: 240_000 });
  await expect(page.getByRole('status')).toContainText('Done', { timeout: 240_000 });
  await expect(best).toContainText(/MLP 8: best teacher fashion-cnn(-xxs)?, ratio (0\.58|8\.90)/);
  // Both panels are drawn: one line (one student width), a dot per teacher, the best one ringed.
  await expect(gap.locator('figure')).toHaveCount(2);
  await expect(gap.locator('.recharts-line')).toHaveCount(2);
  await expect(gap.locator('figure').first().locator('circle')).toHaveCount(3);
  await gap.screenshot({ path: 'e2e/artifacts/capacity-gap.png' });
  expect(errors).toEqual([]);
});

test('"Run the whole ladder" runs the lab as a sweep whose results draw the capacity-gap chart', async ({ page }) => {
  const errors: string[] = [];
  await openStudio(page, errors);
  await selectOption(page, 'Experiment', 'capacity-gap');
  // The sweep starts from the current experiment: a small slice keeps each of its runs short.
  await setField(page, 'Training images', '1000');
  await setField(page, 'Test images', '300');
  const gap = page.getByRole('region', { name: 'Capacity gap' });
  await gap.getByRole('button', { name: 'Run the whole ladder' }).click();
  const results = page.getByRole('dialog', { name: /^Capacity gap: every shipped teacher/ });
  await expect(results.getByRole('status').first()).toContainText(/^[1-9]\d* of 27 runs/, { timeout: 200_000 });
  // The lab's own chart, drawn from the sweep's finished runs while the rest go on.
  const best = results.getByRole('list', { name: 'Best teacher per student' });
  await expect(best).toContainText(/MLP 4: best teacher fashion-cnn(-xs|-xxs)?, ratio \d+\.\d\d, accuracy \d+\.\d%/);
  await expect(results.locator('.capacity-gap figure')).toHaveCount(2);
  await results.screenshot({ path: 'e2e/artifacts/capacity-gap-sweep.png' });
  await results.getByRole('button', { name: 'Cancel sweep' }).click();
  await expect(results.getByRole('alert')).toHaveText('Cancelled. The runs that finished are shown.');
  await expect(best).toBeVisible();
  expect(errors).toEqual([]);
});
