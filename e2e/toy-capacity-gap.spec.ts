/** Issue 17 §2's toy half in a real browser: the toy ladder preset, "Run the ladder" as a sweep, its chart, Cancel. */
import { expect, test } from '@playwright/test';
import { openStudio, selectOption, setField } from './helpers';

test('"Run the ladder" trains toy teachers of five widths as a sweep whose results draw the capacity-gap chart', async ({
  page,
}) => {
  const errors: string[] = [];
  await openStudio(page, errors);
  await selectOption(page, 'Experiment', 'toy-capacity-gap');
  // The sweep takes its budget from the experiment: a short one keeps each run quick.
  await setField(page, 'Steps', '100');
  const card = page.getByRole('region', { name: 'Toy capacity gap' });
  await card.getByRole('button', { name: 'Run the ladder' }).click();
  const results = page.getByRole('dialog', { name: /^Toy capacity gap: MLP teachers/ });
  await expect(results.getByRole('status').first()).toContainText(/^[1-9]\d* of 45 runs/, { timeout: 200_000 });
  // The lab's chart, from the runs finished so far, names each student's best teacher by width.
  const best = results.getByRole('list', { name: 'Best teacher per student' });
  await expect(best).toContainText(/MLP 2: best teacher MLP \d+, ratio \d+\.\d\d, accuracy \d+\.\d%/, {
    timeout: 200_000,
  });
  await expect(results.locator('.capacity-gap figure')).toHaveCount(2);
  await results.screenshot({ path: 'e2e/artifacts/toy-capacity-gap-sweep.png' });
  await results.getByRole('button', { name: 'Cancel sweep' }).click();
  await expect(results.getByRole('alert')).toHaveText('Cancelled. The runs that finished are shown.');
  await expect(best).toBeVisible();
  expect(errors).toEqual([]);
});

test('single Play runs of the toy ladder land on its card: one point per teacher width', async ({ page }) => {
  const errors: string[] = [];
  await openStudio(page, errors);
  await selectOption(page, 'Experiment', 'toy-capacity-gap');
  await setField(page, 'Steps', '200');
  const card = page.getByRole('region', { name: 'Toy capacity gap' });
  await expect(card).toContainText('Run the experiment: its point appears at the first evaluation.');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('status')).toContainText('Done', { timeout: 120_000 });
  const best = card.getByRole('list', { name: 'Best teacher per student' });
  // Teacher 2-16-3 (99 weights) over student 2-4-3 (27): ratio 3.67.
  await expect(best).toContainText(/MLP 4: best teacher MLP 16, ratio 3\.67, accuracy \d+\.\d%.*1 teacher tried/);

  await setField(page, 'Teacher Hidden widths', '32');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(best).toContainText('2 teachers tried', { timeout: 120_000 });
  await expect(page.getByRole('status')).toContainText('Done', { timeout: 120_000 });
  await expect(best).toContainText(/MLP 4: best teacher MLP (16|32), ratio (3\.67|7\.22)/);
  await expect(card.locator('figure')).toHaveCount(2);
  await expect(card.locator('figure').first().locator('circle')).toHaveCount(3);
  // Another student width: a second line, its point at 2-32-3 over 2-8-3 (195 / 51 = 3.82).
  await setField(page, 'Student Hidden widths', '8');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(best.getByRole('listitem')).toHaveCount(2, { timeout: 120_000 });
  await expect(page.getByRole('status')).toContainText('Done', { timeout: 120_000 });
  await expect(best).toContainText(/MLP 8: best teacher MLP 32, ratio 3\.82/);
  await expect(card.locator('.recharts-line')).toHaveCount(4);
  await card.screenshot({ path: 'e2e/artifacts/toy-capacity-gap-card.png' });
  await card.getByRole('button', { name: 'Clear' }).click();
  await expect(best).toHaveCount(0);
  expect(errors).toEqual([]);
});
