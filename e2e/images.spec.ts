/** Issue 4 in a real browser: Fashion-MNIST with the shipped CNN teacher. */
import { expect, test, type Page } from '@playwright/test';
import { expectChartPng, openStudio, readout, readoutValue, selectOption, setField, waitForReadout } from './helpers';
import { expectFlatTensorCount } from './sampling';

/** The image task with a small slice of the data, so software backends stay quick. */
async function useImages(page: Page, train = 1000, test = 300): Promise<void> {
  await selectOption(page, 'Task', 'images');
  await setField(page, 'Training images', String(train));
  await setField(page, 'Test images', String(test));
}

for (const backend of ['webgl', 'webgpu'] as const) {
  test(`the image task loads and distils a CNN student on ${backend}`, async ({ page }) => {
    const errors: string[] = [];
    await openStudio(page, errors);
    // The schema's smallest slice: the teacher's cache and evaluations are most of the time here.
    await useImages(page, 500, 200);
    // A convolutional student: its forward and backward passes (conv, pool) run on this backend.
    await selectOption(page, 'Student preset', 'smallCnn');
    await setField(page, 'Batch size', '32');
    await setField(page, 'Evaluate every', '5');
    await selectOption(page, 'Backend', backend);
    await page.getByRole('button', { name: 'Play' }).click();
    await waitForReadout(page, 'Step', (v) => v >= 10, 200_000);
    await expect(readout(page, 'Backend')).toHaveText(backend);
    expect(await readoutValue(page, 'Teacher accuracy')).toBeGreaterThan(0.85);
    // The teacher's weights hash (computed on load) is shown next to the teacher.
    await expect(page.locator('.weights-hash')).toHaveText(/^[0-9a-f]{12}$/);
    // The gallery shows test images with both models' top-3, and whether they agree (in words
    // as well as colour).
    await expect(page.getByRole('list', { name: 'Teacher top 3' }).first()).toBeVisible();
    await expect(
      page.getByRole('button', { name: /^Test image \d+: .*, teacher and student (agree|disagree)$/ }).first(),
    ).toBeVisible();
    await expect(page.locator('.tile-mark').first()).toHaveText(/^(✓ agree|✗ differ)$/);
    await expectFlatTensorCount(page, 1500, 3);
    await page.screenshot({ path: `e2e/artifacts/images-${backend}.png`, fullPage: true });
    expect(errors).toEqual([]);
  });
}

test('on cpu a small student passes 70% test accuracy within 300 steps', async ({ page }) => {
  const errors: string[] = [];
  await openStudio(page, errors);
  await useImages(page, 3000, 500);
  await setField(page, 'Labelled %', '100');
  await selectOption(page, 'Student preset', 'tinyMlp');
  await setField(page, 'Batch size', '32');
  await setField(page, 'Steps', '300');
  await setField(page, 'Steps per frame', '20');
  await setField(page, 'Evaluate every', '50');
  await selectOption(page, 'Backend', 'cpu');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('status')).toContainText('Done', { timeout: 200_000 });
  expect(await readoutValue(page, 'Step')).toBe(300);
  expect(await readoutValue(page, 'Student accuracy')).toBeGreaterThan(0.7);
  // Views an image person needs: confusion matrices, calibration, and an explanation.
  await expect(page.getByRole('table', { name: 'Student confusion matrix' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Calibration' })).toContainText('ECE');
  await expectChartPng(
    page,
    await page
      .locator('.reliability .chart-png')
      .nth(1)
      .evaluate((b) => b.getAttribute('aria-label')!.slice(10, -8)),
    300,
  );
  await page.getByRole('button', { name: /^Test image 0:/ }).click();
  await expect(page.getByRole('img', { name: 'Student saliency' })).toBeVisible();
  await expect(page.getByText(/Spearman ρ\(\|a\|\)/)).toBeVisible();
  expect(errors).toEqual([]);
});

test('auto never picks wasm for a CNN student, and says why', async ({ page }) => {
  await openStudio(page);
  await useImages(page, 500, 200);
  await selectOption(page, 'Student preset', 'smallCnn');
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForReadout(page, 'Step', (v) => v >= 1, 200_000);
  await expect(readout(page, 'Backend')).not.toHaveText('wasm');
  await expect(page.locator('.trial-list')).toContainText('no convolution backprop');
});
