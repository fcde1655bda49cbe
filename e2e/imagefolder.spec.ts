/**
 * Issue 12, part 2, in a real browser: a zip of the user's class folders becomes the task; a CNN
 * teacher trains on it here; a student distils it; bad folders are refused with their own
 * message while the experiment in force stays. Fixtures: npm run data:imagefolder-fixture.
 */
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { openStudio, readout, readoutValue, selectOption, setField } from './helpers';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/imagefolder/${name}`, import.meta.url));
const CHOOSE = 'Choose a zip of class folders';
const SAMPLE_READ = '160 images in 4 classes: bag, dress, sneaker, trouser.';

async function useImageFolder(page: Page): Promise<void> {
  await selectOption(page, 'Task', 'imagefolder');
  // The default experiment reads the sample shipped with the app.
  await expect(page.getByLabel('Data file in use')).toContainText('fashion-sample.zip');
  await expect(page.getByLabel('Images read')).toHaveText(SAMPLE_READ);
}

test('an uploaded folder zip: the CNN teacher trains here, the student distils it, the gallery shows it', async ({
  page,
}) => {
  const errors: string[] = [];
  await openStudio(page, errors);
  await useImageFolder(page);
  await page.getByLabel(CHOOSE, { exact: true }).setInputFiles(fixture('fashion-3x30.zip'));
  await expect(page.getByLabel('Images read')).toHaveText('90 images in 3 classes: bag, sneaker, trouser.');
  // Every tenth fixture image is 56×56: the sizes are mixed, and said so.
  await expect(page.getByRole('note').filter({ hasText: 'resized to 28×28' })).toBeVisible();
  await expect(page.getByLabel('Data file in use')).toContainText('fashion-3x30.zip');
  // A small CNN teacher and a short training: software WebGL on a shared 2-core machine is slow.
  await setField(page, 'Teacher Conv filters', '4, 8');
  await setField(page, 'Teacher Hidden widths', '16');
  await setField(page, 'Teacher Training steps', '50');
  await setField(page, 'Teacher Learning rate', '0.01');
  await setField(page, 'Steps', '200');
  await setField(page, 'Steps per frame', '10');
  await setField(page, 'Evaluate every', '25');
  // WebGL: the CNN teacher's convolutions train much faster there than in plain JavaScript.
  await selectOption(page, 'Backend', 'webgl');
  await page.getByRole('button', { name: 'Play' }).click();
  // The teacher is trained in the browser, with a progress bar.
  await expect(page.getByRole('progressbar', { name: 'Teacher training' })).toBeVisible({ timeout: 120_000 });
  await expect(page.getByRole('status')).toContainText('Done', { timeout: 200_000 });
  await expect(readout(page, 'Backend')).toHaveText('webgl');
  expect(await readoutValue(page, 'Teacher accuracy')).toBeGreaterThan(0.8);
  expect(await readoutValue(page, 'Agreement')).toBeGreaterThanOrEqual(0.7);
  await expect(
    page
      .getByRole('button', { name: /^Test image \d+: (bag|sneaker|trouser), teacher and student (agree|disagree)$/ })
      .first(),
  ).toBeVisible();
  await expect(page.getByRole('table', { name: 'Student confusion matrix' })).toBeVisible();
  await page.screenshot({ path: 'e2e/artifacts/imagefolder.png', fullPage: true });
  expect(errors).toEqual([]);
});

test('bad folders are refused, each with its own message, and the experiment in force stays', async ({ page }) => {
  const errors: string[] = [];
  await openStudio(page, errors);
  await useImageFolder(page);
  const cases: [string, RegExp][] = [
    ['no-folders.zip', /“no-folders\.zip” has no class folders: put each class’s images in a folder/],
    [
      'not-images.zip',
      /“not-images\.zip” holds no images: none of its 3 files in class folders is a PNG, JPEG or WebP/,
    ],
    ['tiny-class.zip', /^The class “bag” has only 3 usable images: each class needs at least 5\.$/],
    [
      'bomb.zip',
      /“bomb\.zip” says it unpacks to \d+ MB: the studio unpacks at most 200 MB of images, so nothing was unpacked\./,
    ],
  ];
  for (const [file, message] of cases) {
    await page.getByLabel(CHOOSE, { exact: true }).setInputFiles(fixture(file));
    await expect(page.getByRole('alert', { name: 'Data file problem' })).toHaveText(message);
    await expect(page.getByLabel('Data file in use')).toContainText('fashion-sample.zip');
    await expect(page.getByLabel('Images read')).toHaveText(SAMPLE_READ);
  }
  expect(errors).toEqual([]);
});
