/**
 * Issue 17 §3, the Data field it lacked: with a text pool on, each student's windows (the pool's,
 * or fresh ones with a teacher pass) are chosen in the Data section, not only by a preset or a
 * link. Choosing fresh windows for a lane brings up the teacher-hacking chart; a lane added later
 * gets its own select; a reload keeps the choice (it is part of the link).
 */
import { expect, test, type Page } from '@playwright/test';
import { decodeLink } from '../src/share/link';
import { openStudio, selectOption } from './helpers';

/** The address bar's link: its students, and its pool's windows per student (past the list's end: the pool). */
function linked(page: Page): { students: number; windows?: string[] } | undefined {
  const r = decodeLink(new URL(page.url()).hash.slice(1));
  if (!r.ok) return undefined;
  return { students: r.config.lanes.length, windows: (r.config.task as { pool?: { lanes?: string[] } }).pool?.lanes };
}

test('each student’s windows are a Data field of the text pool, kept across a reload', async ({ page }) => {
  const errors: string[] = [];
  await openStudio(page, errors);
  await selectOption(page, 'Experiment', 'text');
  const windows = page.getByRole('group', { name: 'Windows per student' });
  await expect(windows).toHaveCount(0);
  await page.getByRole('checkbox', { name: 'A fixed pool of windows, teacher outputs computed once' }).check();
  await expect(windows.getByRole('combobox', { name: 'Student 1' })).toHaveValue('pool');
  const chart = page.getByRole('figure', { name: 'Teacher hacking' });
  await expect(chart).toHaveCount(0);

  await windows.getByRole('combobox', { name: 'Student 1' }).selectOption('fresh');
  await expect(chart).toBeVisible();
  await page.getByRole('button', { name: /Add student/ }).click();
  await expect(windows.getByRole('combobox', { name: 'Student 2' })).toHaveValue('pool');
  await expect(windows.getByRole('combobox', { name: 'Student 1' })).toHaveValue('fresh');

  // The address bar carries the experiment; it is rewritten shortly (150 ms) after an edit.
  await expect.poll(() => linked(page)).toEqual({ students: 2, windows: ['fresh'] });
  await page.reload();
  await expect(page.getByRole('button', { name: 'Play' })).toBeEnabled();
  await expect(windows.getByRole('combobox', { name: 'Student 1' })).toHaveValue('fresh');
  await expect(windows.getByRole('combobox', { name: 'Student 2' })).toHaveValue('pool');
  await expect(chart).toBeVisible();
  expect(errors).toEqual([]);
});
