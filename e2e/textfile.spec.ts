/** Issue 12, part 3, in a real browser: the user's own text file, a teacher trained on it here. */
import { expect, test, type Page } from '@playwright/test';
import { openStudio, readout, selectOption, setField, waitForReadout } from './helpers';

const FIXTURE = 'e2e/fixtures/textfile/extracts.txt';

const choose = (page: Page) => page.getByLabel('Choose a .txt file (UTF-8, up to 5 MB)', { exact: true });
const inUse = (page: Page) => page.getByLabel('Data file in use');

/** Uploads a made-up file and expects its message, with the experiment in force unchanged. */
async function refused(page: Page, name: string, buffer: Buffer, message: RegExp): Promise<void> {
  await choose(page).setInputFiles({ name, mimeType: 'text/plain', buffer });
  await expect(page.getByRole('alert', { name: 'Data file problem' })).toHaveText(message);
  await expect(inUse(page)).toContainText('moby-dick-sample.txt');
  await expect(page.getByLabel('Text file summary')).toContainText('59,295 characters, 75 symbols');
}

test('a text file trains a teacher here and distils; bad files are refused in words', async ({ page }) => {
  test.setTimeout(240_000);
  const errors: string[] = [];
  await openStudio(page, errors);
  await selectOption(page, 'Task', 'textfile');
  await expect(inUse(page)).toContainText('moby-dick-sample.txt');

  const prose = 'Call me Ishmael. '.repeat(800);
  await refused(
    page,
    'picture.txt',
    Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.from(prose)]),
    /^“picture\.txt” is not a text file: it contains NUL bytes/,
  );
  await refused(
    page,
    'windows.txt',
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(prose, 'utf16le')]),
    /^“windows\.txt” is UTF-16 text; the studio reads UTF-8/,
  );
  await refused(
    page,
    'short.txt',
    Buffer.from('Call me Ishmael.'),
    /^“short\.txt” has 16 characters; the text task needs at least 10,000\.$/,
  );

  await choose(page).setInputFiles(FIXTURE);
  await expect(inUse(page)).toContainText('extracts.txt');
  await expect(page.getByRole('alert', { name: 'Data file problem' })).toHaveCount(0);
  await expect(page.getByLabel('Text file summary')).toContainText(/20,\d{3} characters, \d+ symbols/);

  // A tiny teacher and short windows: the software backends stay quick.
  await setField(page, 'Context (characters)', '16');
  await setField(page, 'Held-out windows', '8');
  await setField(page, 'Teacher Layers', '1');
  await setField(page, 'Teacher Width', '16');
  await setField(page, 'Teacher Heads', '2');
  await setField(page, 'Batch size', '8');
  await setField(page, 'Evaluate every', '2');
  await setField(page, 'Samples every (steps)', '10');
  await selectOption(page, 'Backend', 'webgl');
  // A long teacher training is cancelled from the run bar: nothing is built, Play starts again.
  await setField(page, 'Teacher Training steps', '5000');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('progressbar', { name: 'Teacher training' })).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('status')).toContainText('Ready: press Play to train the teacher', { timeout: 30_000 });
  await expect(page.getByRole('progressbar', { name: 'Teacher training' })).toHaveCount(0);

  await setField(page, 'Teacher Training steps', '20');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('progressbar', { name: 'Teacher training' })).toBeVisible({ timeout: 60_000 });
  await waitForReadout(page, 'Step', (v) => v >= 5, 180_000);
  await expect(readout(page, 'Backend')).toHaveText('webgl');
  // Samples in the file's own case, after the default prompt, and the next-character view.
  await expect(page.getByRole('figure', { name: 'Teacher sample' })).toContainText(/The whale .{20,}/s, {
    timeout: 60_000,
  });
  await expect(page.getByRole('figure', { name: /^Student 1 .* sample$/ })).toContainText(/The whale .{20,}/s);
  await expect(page.getByRole('figure', { name: 'Student 1 at T = 1' })).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.screenshot({ path: 'e2e/artifacts/textfile.png', fullPage: true });
  expect(errors).toEqual([]);
});
