/**
 * Writing a lesson in the app and sending it on: two checkpoints added where the run is, the
 * lesson exported as JSON, imported back, copied as a link and played from that link in a new
 * page. And what a bad lesson file or a bad lesson link does: a message, nothing lost.
 */
import { expect, test, type Page } from '@playwright/test';
import LZString from 'lz-string';
import { readFile, writeFile } from 'node:fs/promises';
import { openStudio, selectOption, setField } from './helpers';
import { lessonPanel, latestEvals } from './lesson-play';

const dialog = (page: Page) => page.getByRole('dialog', { name: 'Lessons' });
const openLessons = (page: Page) =>
  page.getByRole('navigation', { name: 'Share and files' }).getByRole('button', { name: 'Lessons' }).click();

/** Plays until the step readout is at least `n`, then pauses. */
async function runTo(page: Page, n: number): Promise<number> {
  await page.getByRole('button', { name: 'Play' }).click();
  await expect
    .poll(async () => (await latestEvals(page)).step, { timeout: 60_000, intervals: [200, 500] })
    .toBeGreaterThanOrEqual(n);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('button', { name: 'Play' })).toBeEnabled();
  return (await latestEvals(page)).step!;
}

async function addCheckpoint(page: Page, title: string, view: string, note: string): Promise<void> {
  await openLessons(page);
  const d = dialog(page);
  await d.getByLabel('Checkpoint title').fill(title);
  await d.getByRole('combobox', { name: 'Pin the note to' }).selectOption({ label: view });
  await d.getByLabel('Note', { exact: true }).fill(note);
  await d.getByRole('button', { name: 'Add a checkpoint here' }).click();
  await expect(d.getByLabel('Lesson authoring message')).toContainText('added: until step');
}

test('a lesson written in the app exports, imports and travels in a link', async ({ page, context }, info) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  await openStudio(page, errors);
  await selectOption(page, 'Backend', 'wasm');
  const first = await runTo(page, 60);
  await addCheckpoint(page, 'Warm-up', 'the agreement chart', 'Agreement climbs while the student learns the spiral.');
  await page.getByRole('button', { name: 'Close lessons' }).click();
  await setField(page, 'Learning rate', '0.05');
  const second = await runTo(page, first + 60);
  await addCheckpoint(page, 'Faster', 'the loss chart', 'A larger learning rate: the loss falls faster.');
  const d = dialog(page);
  await expect(d.getByRole('list', { name: 'Checkpoints written' }).getByRole('listitem')).toHaveCount(2);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: 'e2e/artifacts/lessons-dialog.png' });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: 'e2e/artifacts/lessons-dialog-phone.png' });
  await page.setViewportSize({ width: 1440, height: 1000 });

  // Export: the file is the lesson, the second checkpoint a patch of the learning rate alone.
  const download = page.waitForEvent('download');
  await d.getByRole('button', { name: 'Export lesson (.json)' }).click();
  const file = await (await download).path();
  const json = JSON.parse(await readFile(file, 'utf8'));
  expect(json.steps).toHaveLength(2);
  expect(json.steps[0].until).toEqual({ steps: first });
  expect(json.steps[0].experiment.patch).toEqual({ backend: 'wasm' });
  expect(json.steps[1].experiment.patch).toEqual({ 'train.lr': 0.05 });
  expect(json.steps[1].until).toEqual({ steps: second });

  // The link, opened in a new page, shows the lesson to start, and plays it through.
  await d.getByRole('button', { name: 'Copy lesson link' }).click();
  const url = await d.getByLabel('Lesson link').inputValue();
  expect(url).toContain('&lesson=');
  const other = await context.newPage();
  const otherErrors: string[] = [];
  other.on('pageerror', (e) => otherErrors.push(e.message));
  await other.goto(url);
  const panel = lessonPanel(other);
  await expect(panel.getByRole('heading', { name: 'My lesson' })).toBeVisible();
  await panel.getByRole('button', { name: 'Start lesson' }).click();
  await expect(panel.getByLabel('Lesson status')).toHaveText(`Checkpoint reached at step ${first}.`, {
    timeout: 60_000,
  });
  await expect(other.getByRole('note', { name: 'Lesson note' })).toContainText('Agreement climbs');
  await panel.getByRole('button', { name: 'Next checkpoint' }).click();
  await expect(panel.getByLabel('Lesson status')).toHaveText(`Checkpoint reached at step ${second}.`, {
    timeout: 60_000,
  });
  // The second checkpoint went on from the first (a live edit), at the learning rate it recorded.
  expect(
    await other.evaluate(
      () => (window as unknown as { kdStudio: { config(): { train: { lr: number } } } }).kdStudio.config().train.lr,
    ),
  ).toBe(0.05);
  await expect(panel.getByText('Lesson complete.')).toBeVisible();
  await other.screenshot({ path: 'e2e/artifacts/lesson-authored-from-link.png' });
  await other.close();

  // Import the exported file back: it opens in the player, ready to start.
  await page.getByRole('button', { name: 'Close lessons' }).click();
  await openLessons(page);
  await dialog(page).getByLabel('Lesson file', { exact: true }).setInputFiles(file);
  await expect(dialog(page)).toBeHidden();
  await expect(lessonPanel(page).getByRole('button', { name: 'Start lesson' })).toBeVisible();

  // A bad file: a message; the lesson open and the experiment stay.
  const bad = info.outputPath('bad-lesson.json');
  await writeFile(bad, JSON.stringify({ ...json, steps: [{ ...json.steps[0], note: { view: 'nowhere', text: '' } }] }));
  const before = await page.evaluate(() =>
    JSON.stringify((window as unknown as { kdStudio: { config(): unknown } }).kdStudio.config()),
  );
  await openLessons(page);
  await dialog(page).getByLabel('Lesson file', { exact: true }).setInputFiles(bad);
  const alert = dialog(page).getByRole('alert', { name: 'Lesson file problem' });
  await expect(alert).toContainText('This file is not a lesson this studio can play');
  await expect(alert).toContainText('Step 1, note, view: The view is one of');
  await expect(alert).toContainText('Step 1, note, text: The note is empty.');
  await writeFile(bad, '{"format": 1, "title": ');
  await dialog(page).getByLabel('Lesson file', { exact: true }).setInputFiles(bad);
  await expect(alert).toContainText('it is not valid JSON');
  expect(
    await page.evaluate(() =>
      JSON.stringify((window as unknown as { kdStudio: { config(): unknown } }).kdStudio.config()),
    ),
  ).toBe(before);
  await page.getByRole('button', { name: 'Close lessons' }).click();
  await expect(lessonPanel(page).getByRole('heading', { name: 'My lesson' })).toBeVisible();
  expect(errors).toEqual([]);
  expect(otherErrors).toEqual([]);
});

test('a bad or hostile lesson link is refused with a notice, and the studio works', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const hostile = LZString.compressToEncodedURIComponent(
    JSON.stringify({
      format: 1,
      title: '<img src=x onerror="window.__owned=1">',
      summary: 's',
      steps: [
        {
          title: 't',
          until: { steps: 10 },
          note: { view: 'kl', text: 'x' },
          question: { prompt: 'q', choices: ['a', 'b'], answer: 9, feedback: 'f' },
        },
      ],
      __proto__: { polluted: true },
    }),
  );
  const repaired = LZString.compressToEncodedURIComponent(
    JSON.stringify({
      format: 1,
      title: 'Repaired',
      summary: 's',
      steps: [
        {
          title: 't',
          experiment: { patch: { 'train.lr': 'fast' } },
          until: { steps: 10 },
          note: { view: 'kl', text: 'x' },
        },
      ],
    }),
  );
  for (const [lesson, expected] of [
    ['garbage!!', 'The lesson in this link is damaged'],
    [hostile, 'Step 1, question, answer: The answer must be one of the choices.'],
    ['A'.repeat(10_500), 'The lesson in this link is too long'],
  ] as const) {
    // From another page: a new hash alone would not reload the studio.
    await page.goto('about:blank');
    await page.goto(`./#v=2&c=N4XyA&lesson=${lesson}`);
    await expect(page.getByRole('status', { name: 'Link notices' })).toContainText(expected);
    await expect(page.getByRole('button', { name: 'Play' })).toBeEnabled();
    await expect(lessonPanel(page)).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { __owned?: number }).__owned)).toBeUndefined();
  }
  // A lesson whose experiment has a bad value opens repaired, and says what was replaced.
  await page.goto('about:blank');
  await page.goto(`./#v=2&c=N4XyA&lesson=${repaired}`);
  await expect(lessonPanel(page).getByRole('list', { name: 'Lesson notices' })).toContainText('Step 1: Learning rate');
  await lessonPanel(page).getByRole('button', { name: 'Start lesson' }).click();
  await expect(lessonPanel(page).getByLabel('Lesson status')).toHaveText('Checkpoint reached at step 10.', {
    timeout: 60_000,
  });
  expect(errors).toEqual([]);
});
