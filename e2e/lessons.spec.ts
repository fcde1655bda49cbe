/**
 * The shipped lessons, each played through to its end in the page: every checkpoint
 * reached, its note pinned next to its view, every question answered; a screenshot of the last
 * checkpoint (e2e/artifacts/, looked at by hand); the verdict lesson then asks Sweeps ▾ → Does KD
 * beat labels only? and checks it says what the last note quotes. The lessons use the WASM backend.
 */
import { expect, test, type Page } from '@playwright/test';
import { openStudio } from './helpers';
import { lessonFile, lessonPanel, playThrough, startShippedLesson } from './lesson-play';

const LESSONS: { file: string; timeout: number }[] = [
  { file: '1-soft-targets', timeout: 60_000 },
  { file: '2-forward-reverse-kl', timeout: 60_000 },
  { file: '3-dkd', timeout: 90_000 },
  { file: '4-data-budget', timeout: 200_000 },
  { file: '5-language-model', timeout: 240_000 },
  { file: '6-teacher-hacking', timeout: 90_000 },
  { file: '7-verdict', timeout: 60_000 },
  { file: '8-top-k', timeout: 150_000 },
  { file: '9-draft-model', timeout: 150_000 },
  { file: '10-capacity-gap', timeout: 90_000 },
  { file: '11-several-teachers', timeout: 200_000 },
];

/** The verdict lesson's last note quotes what Sweeps ▾ → Does KD beat labels only? says: ask it. */
async function checkVerdict(page: Page) {
  await page
    .getByRole('banner')
    .getByRole('button', { name: /^Sweeps/ })
    .click();
  await page.getByRole('banner').getByRole('button', { name: 'Does KD beat labels only?', exact: true }).click();
  const results = page.getByRole('dialog', { name: 'Does KD beat labels only?' });
  await expect(results.getByText(/^Finished: 5 runs of 600 steps/)).toBeVisible({ timeout: 120_000 });
  const verdict = results.getByRole('region', { name: 'Verdict' });
  await expect(verdict.locator('.verdict-word')).toHaveText('INCONCLUSIVE');
  await expect(verdict.locator('tbody tr').nth(0)).toContainText(/Forward KL\s*92\.7%\s*± 4\.8%\s*5$/);
  await expect(verdict.locator('tbody tr').nth(1)).toContainText(/No teacher\s*92\.7%\s*± 4\.8%\s*5$/);
  await expect(verdict).toContainText(
    't = 0.00, df = 8.0, p = 1.000. Same budget (600 steps), seeds 42, 43, 44, 45, 46, wasm.',
  );
  await expect(results.getByRole('table', { name: /^Sweep results/ })).toContainText('92.7% ± 3.9% (±4.8%)');
  await results.getByRole('button', { name: 'Close sweep results' }).click();
  await expect(results).toBeHidden();
}

for (const { file, timeout } of LESSONS) {
  test(`lesson “${file}” plays through to its end`, async ({ page }) => {
    const lesson = lessonFile(file);
    test.setTimeout(timeout * lesson.steps.length + 60_000);
    await page.setViewportSize({ width: 1440, height: 900 });
    const errors: string[] = [];
    await openStudio(page, errors);
    await startShippedLesson(page, lesson.title);
    await playThrough(page, lesson, timeout);
    if (file === '7-verdict') await checkVerdict(page);
    await page.screenshot({ path: `e2e/artifacts/lesson-${file}.png`, fullPage: true });
    // Back shows the checkpoint before without rewinding the run.
    const panel = lessonPanel(page);
    await panel.getByRole('button', { name: 'Back' }).click();
    await expect(panel.getByLabel('Lesson status')).toHaveText(/^An earlier checkpoint/);
    await expect(page.getByRole('note', { name: 'Lesson note' })).toContainText(
      lesson.steps.at(-2)!.note.text.slice(0, 40),
    );
    // One note and one outlined view at a time.
    await expect(page.locator('.lesson-target')).toHaveCount(1);
    await expect(page.locator(`[data-lesson-target="${lesson.steps.at(-2)!.note.view}"]`)).toHaveCount(1);
    if (file === '10-capacity-gap') {
      // Each of the lesson's six runs landed on the toy card: the best teachers its notes name.
      const best = page
        .getByRole('region', { name: 'Toy capacity gap' })
        .getByRole('list', { name: 'Best teacher per student' });
      await expect(best).toHaveText(
        /MLP 2: best teacher MLP 4, ratio 1\.80, accuracy 54\.8% \(3 teachers tried\)MLP 8: best teacher MLP 16, ratio 1\.94, accuracy 95\.6% \(3 teachers tried\)/,
      );
    }
    if (file === '1-soft-targets') {
      await page.setViewportSize({ width: 390, height: 844 });
      await panel.getByRole('button', { name: 'Next checkpoint' }).click();
      const view = lesson.steps.at(-1)!.note.view;
      await expect(page.locator(`[data-lesson-target="${view}"] + .lesson-note-slot`).getByRole('note')).toBeVisible();
      await expect(page.getByRole('note', { name: 'Lesson note' })).toHaveCount(1);
      // No horizontal scroll from the lesson panel or the note at phone width.
      expect(await page.evaluate(() => document.querySelector('.lesson-player')!.scrollWidth <= 390)).toBe(true);
      await page.screenshot({ path: `e2e/artifacts/lesson-${file}-phone.png`, fullPage: false });
    }
    expect(errors).toEqual([]);
  });
}
