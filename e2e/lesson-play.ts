/**
 * Plays a lesson in the page as a person would: waits for each checkpoint (the lesson status
 * says it was reached), checks that the note sits right after the view it is about and that the
 * view is outlined, answers the question (the right choice, read from the lesson file) and goes
 * on with Next. Returns what the run showed at each checkpoint, for the README's numbers.
 */
import { expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface LessonFile {
  title: string;
  steps: {
    title: string;
    note: { view: string; text: string };
    question?: { prompt: string; choices: string[]; answer: number };
  }[];
}

export const lessonFile = (name: string): LessonFile =>
  JSON.parse(
    readFileSync(fileURLToPath(new URL(`../src/lessons/shipped/${name}.json`, import.meta.url)), 'utf8'),
  ) as LessonFile;

export const lessonPanel = (page: Page) => page.getByRole('region', { name: 'Lesson' });

/** Every lane's latest held-out metrics and loss parts, as the run store holds them. */
export function latestEvals(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    type Evals = { names: string[]; column(n: string): number[] | undefined };
    const run = (
      window as unknown as { kdStudio: { run(): { evals: Evals; loss: Evals; step: number } } }
    ).kdStudio.run();
    const out: Record<string, number> = { step: run.step };
    for (const n of run.evals.names) out[n] = Number((run.evals.column(n)?.at(-1) ?? NaN).toFixed(4));
    // The loss parts of the last step (DKD's TCKD and NCKD, say), as `loss <lane:part>`.
    for (const n of run.loss.names) out[`loss ${n}`] = Number((run.loss.column(n)?.at(-1) ?? NaN).toFixed(4));
    return out;
  });
}

export async function startShippedLesson(page: Page, title: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Share and files' }).getByRole('button', { name: 'Lessons' }).click();
  await page
    .getByRole('dialog', { name: 'Lessons' })
    .getByRole('button', { name: `Start “${title}”` })
    .click();
  await expect(page.getByRole('dialog', { name: 'Lessons' })).toBeHidden();
}

/** Plays every checkpoint of the lesson now in the panel; `timeout` per checkpoint. */
export async function playThrough(page: Page, lesson: LessonFile, timeout: number): Promise<Record<string, number>[]> {
  const panel = lessonPanel(page);
  const seen: Record<string, number>[] = [];
  for (const [i, step] of lesson.steps.entries()) {
    await expect(panel.getByText(`Checkpoint ${i + 1} of ${lesson.steps.length}:`)).toBeVisible();
    await expect(panel.getByLabel('Lesson status')).toHaveText(/^Checkpoint reached/, { timeout });
    // The note is pinned right after its view, and the view is outlined.
    const target = page.locator(`[data-lesson-target="${step.note.view}"]`);
    await expect(target).toHaveClass(/lesson-target/);
    const note = page.locator(`[data-lesson-target="${step.note.view}"] + .lesson-note-slot`).getByRole('note');
    await expect(note).toContainText(step.note.text.slice(0, 40));
    const evals = await latestEvals(page);
    seen.push(evals);
    console.log(`${lesson.title} · checkpoint ${i + 1}: ${JSON.stringify(evals)}`);
    if (step.question) {
      const q = step.question;
      await panel.getByRole('radio', { name: q.choices[q.answer]!, exact: true }).check();
      await expect(panel.getByRole('status', { name: 'Answer feedback' })).toContainText('Right.');
    }
    if (i < lesson.steps.length - 1) {
      // By keyboard; the focus stays on Next while the next checkpoint plays.
      const next = panel.getByRole('button', { name: 'Next checkpoint' });
      await next.press('Enter');
      await expect(next).toBeFocused();
    }
  }
  await expect(panel.getByText('Lesson complete.')).toBeVisible();
  return seen;
}
