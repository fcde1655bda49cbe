/**
 * The user's data files across reloads, links and browsers (issue 12, part 4), on the table
 * task: a file is kept in this browser by its SHA-256, a link names it without carrying it, a
 * browser without it asks for it and checks what is dropped, "My data" lists and deletes, and a
 * full storage keeps the file in memory with a message.
 */
import { createHash } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { decodeLink } from '../src/share/link';
import { openStudio, selectOption, setField, waitForReadout, workerCaughtUp } from './helpers';

const rows = Array.from({ length: 240 }, (_, i) => {
  const a = Math.sin(i * 12.9898) * 4;
  const b = Math.cos(i * 78.233) * 4;
  return `${a.toFixed(3)},${b.toFixed(3)},${(a + b * 0.3).toFixed(3)},${a > b ? 'east' : 'west'}`;
});
const MINE = { name: 'mine.csv', mimeType: 'text/csv', buffer: Buffer.from(`a,b,c,side\n${rows.join('\n')}\n`) };
const OTHER = {
  name: 'mine.csv',
  mimeType: 'text/csv',
  buffer: Buffer.from(`a,b,c,side\n${rows.slice(1).join('\n')}\n`),
};

const fileInput = (page: Page) => page.getByLabel('Choose a CSV or TSV table', { exact: true });
const inUse = (page: Page) => page.getByLabel('Data file in use');

/** The SHA-256 of the data file the address bar's link names. */
function linkedDataset(page: Page): string | undefined {
  const r = decodeLink(new URL(page.url()).hash.slice(1));
  return r.ok ? (r.config.task as { dataset?: { sha256?: string } }).dataset?.sha256 : undefined;
}

async function bringMine(page: Page): Promise<void> {
  await selectOption(page, 'Task', 'table');
  await expect(inUse(page)).toContainText('“penguins.csv”');
  await fileInput(page).setInputFiles(MINE);
  await expect(inUse(page)).toContainText('“mine.csv”');
  await expect(page.getByLabel('Table summary')).toContainText('240 rows · 3 features · 2 classes of “side”');
}

test('a link to my file reopens after a reload, and a fresh browser asks for the file and checks it', async ({
  page,
  browser,
}) => {
  const errors: string[] = [];
  await openStudio(page, errors);
  await bringMine(page);
  // The address is the link; it names the file (by its SHA-256), never its rows.
  const sha256 = createHash('sha256').update(MINE.buffer).digest('hex');
  await expect.poll(() => linkedDataset(page)).toBe(sha256);
  const link = page.url();
  expect(decodeURIComponent(link)).not.toContain('east');

  await page.reload();
  await expect(inUse(page)).toContainText('“mine.csv”');
  await expect(page.getByLabel('Missing data file')).toHaveCount(0);
  await expect(page.getByLabel('Table summary')).toContainText('240 rows');

  // "My data" lists it with its size.
  await page.getByRole('button', { name: 'My data' }).click();
  const stored = page.getByRole('table', { name: 'Stored data files' });
  await expect(stored).toContainText('mine.csv');
  await expect(stored).toContainText('kB');
  await page.getByRole('button', { name: 'Close my data' }).click();

  // Another browser profile: nothing stored there.
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  const otherErrors: string[] = [];
  other.on('pageerror', (e) => otherErrors.push(e.message));
  await other.goto(link);
  await expect(other.getByRole('status', { name: 'Link notices' })).toContainText(
    'This experiment uses your file “mine.csv”',
  );
  const missing = other.getByLabel('Missing data file');
  await expect(missing).toContainText('“mine.csv”');
  // A different file under the same name is refused by its hash, and nothing changes.
  await fileInput(other).setInputFiles(OTHER);
  await expect(other.getByLabel('Data file problem')).toContainText('is not the file this experiment names');
  await expect(missing).toBeVisible();
  // The right file: the experiment continues where the link left it.
  await fileInput(other).setInputFiles(MINE);
  await expect(missing).toHaveCount(0);
  await expect(inUse(other)).toContainText('“mine.csv”');
  await selectOption(other, 'Backend', 'cpu');
  await setField(other, 'Teacher Training steps', '200');
  await other.getByRole('button', { name: 'Play' }).click();
  await waitForReadout(other, 'Step', (v) => v >= 20, 120_000);
  await fresh.close();

  // Deleting it here: the experiment now asks for it again after a reload.
  await page.getByRole('button', { name: 'My data' }).click();
  await page.getByRole('button', { name: 'Delete mine.csv' }).click();
  await expect(page.getByRole('table', { name: 'Stored data files' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Close my data' }).click();
  await page.reload();
  await expect(page.getByLabel('Missing data file')).toContainText('“mine.csv”');
  expect([...errors, ...otherErrors]).toEqual([]);
});

test('with storage full, my file is kept in memory with a message and the run goes on', async ({ page, context }) => {
  const errors: string[] = [];
  await openStudio(page, errors);
  // As a full disk would: a quota smaller than the file.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(page.url()).origin, quotaSize: 1024 });
  await bringMine(page);
  await expect(page.getByRole('note').filter({ hasText: 'kept in memory only' })).toBeVisible();
  await workerCaughtUp(page);
  await selectOption(page, 'Backend', 'cpu');
  await setField(page, 'Teacher Training steps', '200');
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForReadout(page, 'Step', (v) => v >= 20, 120_000);
  await page.getByRole('button', { name: 'My data' }).click();
  await expect(page.getByRole('table', { name: 'Stored data files' })).toContainText('mine.csv (this page only)');
  expect(errors).toEqual([]);
});
