/**
 * Issue 16, item 8 in a real browser: History gives back what it holds. Open shows a run's
 * saved curves and Play goes on from its saved step; the table fits a 1440 × 900 screen with
 * every column; runs of no steps are not listed (nor written); a run's name says its task; a
 * history file imported twice says its runs are already there, and a run imported from a file
 * resumes from the students it carries.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { openStudio, readout, readoutValue, selectOption, setField, waitForReadout } from './helpers';
import { expectStatus, oneTo, runNow, storedRuns } from './reliability';

const dialog = (page: Page) => page.getByRole('dialog', { name: 'Run history' });
const table = (page: Page) => page.getByRole('table', { name: 'Saved runs' });
/** The dialog's message (its comparison chart's tooltip is a status too). */
const message = (page: Page) => dialog(page).locator('p[role="status"]');

async function openHistory(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^History/ }).click();
  await expect(dialog(page)).toBeVisible();
}

/** Small, quick toy settings on the cpu backend (the default spiral, a short teacher). */
async function quick(page: Page): Promise<void> {
  await selectOption(page, 'Backend', 'cpu');
  await setField(page, 'Teacher Training steps', '100');
  await setField(page, 'Steps', '100000');
}

/** Plays until the Step readout reaches `steps`, pauses, and waits for the students to be stored. */
async function trainTo(page: Page, steps: number): Promise<number> {
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForReadout(page, 'Step', (v) => v >= steps);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expectStatus(page, 'Paused');
  const step = await readoutValue(page, 'Step');
  await expect.poll(async () => (await storedRuns(page))[0]?.weightsStep).toBe(step);
  return step;
}

/** The rows of the History table: name (the input's value), task, steps. */
async function rows(page: Page): Promise<{ name: string; task: string; steps: number }[]> {
  await expect(table(page)).toBeVisible();
  return table(page)
    .locator('tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => {
        const td = [...tr.querySelectorAll('td')];
        return {
          name: (td[1]!.querySelector('input') as HTMLInputElement).value,
          task: td[3]!.textContent ?? '',
          steps: Number((td[5]!.textContent ?? '').replace(/,/g, '')),
        };
      }),
    );
}

/** The page as if hidden (a tab switched away): the autosave writes what it has at once. */
const hide = (page: Page) =>
  page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
  });

/** Writes a record into History's database as an older version of the studio did. */
async function putOldRecord(page: Page, run: object, chunk: object): Promise<void> {
  await page.evaluate(
    async ([r, c]) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('kd-studio');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction(['runs', 'chunks'], 'readwrite');
        tx.objectStore('runs').put(r);
        tx.objectStore('chunks').put(c);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    [run, chunk] as const,
  );
}

test('the table shows every column at 1440 × 900, for a race with a long name', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const errors: string[] = [];
  await openStudio(page, errors);
  await selectOption(page, 'Experiment', 'race');
  await quick(page);
  await trainTo(page, 30);
  await openHistory(page);
  const name = table(page).getByRole('textbox', { name: 'Run name' }).first();
  await name.fill('A race of four objectives on the spiral, to compare with the one from yesterday');
  await name.press('Enter');
  await expect(table(page).getByRole('checkbox', { name: /^Compare A race of four/ })).toBeVisible();
  const view = { width: 1440, height: 900 };
  const box = (await dialog(page).boundingBox())!;
  const inside = async (what: string, b: { x: number; y: number; width: number; height: number } | null) => {
    expect(b, what).not.toBeNull();
    expect(b!.x, what).toBeGreaterThanOrEqual(Math.max(0, box.x));
    expect(b!.x + b!.width, what).toBeLessThanOrEqual(Math.min(view.width, box.x + box.width));
    expect(b!.y + b!.height, what).toBeLessThanOrEqual(view.height);
  };
  const headers = table(page).getByRole('columnheader');
  await expect(headers).toHaveCount(9);
  for (const h of await headers.all()) await inside(`column ${await h.innerText()}`, await h.boundingBox());
  for (const label of ['Compare', 'Name', 'Date', 'Task', 'Objectives', 'Steps', 'Agreement', 'Accuracy'])
    await expect(table(page).getByRole('columnheader', { name: label, exact: true })).toBeVisible();
  const row = table(page).locator('tbody tr').first();
  for (const cell of await row.getByRole('cell').all()) await inside('a cell of the race', await cell.boundingBox());
  await inside('Open', await row.getByRole('button', { name: 'Open' }).boundingBox());
  await inside('Delete', await row.getByRole('button', { name: /^Delete / }).boundingBox());
  // Nothing to scroll sideways to.
  expect(await dialog(page).evaluate((d) => d.scrollWidth <= d.clientWidth)).toBe(true);
  await page.screenshot({ path: 'e2e/artifacts/history-1440.png' });
  expect(errors).toEqual([]);
});

test('Open shows the saved curves, and Play goes on from the saved step', async ({ page }) => {
  const errors: string[] = [];
  await openStudio(page, errors);
  await quick(page);
  const saved = await trainTo(page, 120);
  const [run] = await storedRuns(page);
  // Another experiment: the charts start again, the saved run waits in History.
  await selectOption(page, 'Experiment', 'race');
  await expect(readout(page, 'Step')).toHaveText('0');
  await expect(page.getByRole('img', { name: 'Loss (total): no data yet' })).toBeVisible();
  await openHistory(page);
  const row = table(page)
    .locator('tbody tr')
    .filter({ has: page.getByRole('cell', { name: 'spiral', exact: true }) });
  await row.getByRole('button', { name: 'Open' }).click();
  await expect(message(page)).toHaveText(
    new RegExp(`^Opened “.*” at step ${saved.toLocaleString('en-US')}: press Play to continue training it\\.$`),
  );
  // The comparison shows its curves too.
  await expect(dialog(page).getByRole('figure', { name: 'Compare saved runs' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expectStatus(page, 'Paused');
  await expect(readout(page, 'Step')).toHaveText(saved.toLocaleString('en-US'));
  // The live charts show the saved curves, every step of them.
  await expect(page.getByRole('img', { name: /^Loss: (?!no data yet)/ })).toBeVisible();
  await expect(page.getByRole('img', { name: /^Top-1 agreement with the teacher: (?!no data yet)/ })).toBeVisible();
  expect((await runNow(page)).steps).toEqual(oneTo(saved));
  // Play goes on from there, in the same record.
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForReadout(page, 'Step', (v) => v >= saved + 60);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expectStatus(page, 'Paused');
  const now = await runNow(page);
  expect(now.steps).toEqual(oneTo(now.step));
  await expect
    .poll(async () => (await storedRuns(page)).find((r) => r.id === run!.id)?.lossSteps.at(-1))
    .toBe(now.step);
  expect((await storedRuns(page)).find((r) => r.id === run!.id)!.lossSteps).toEqual(oneTo(now.step));
  expect(errors).toEqual([]);
});

test('runs of no steps are neither written nor listed, and each name says its task', async ({ page }) => {
  const errors: string[] = [];
  await openStudio(page, errors);
  // As an older version left them: a run that never trained, one whose summary was overwritten
  // with step 0 after its curves had gone to step 5, and one named after XOR, saved as a spiral.
  const config = await page.evaluate(() =>
    (window as unknown as { kdStudio: { config(): unknown } }).kdStudio.config(),
  );
  const at = new Date(2026, 0, 5, 10, 0).getTime();
  const record = (id: string, name: string, step: number) => ({
    id,
    name,
    createdAt: at,
    updatedAt: at,
    config,
    summary: { task: 'spiral', objectives: ['hinton'], step, agreement: [0.5], accuracy: [0.5] },
    chunks: 1,
  });
  const rowsOf = (steps: number[]) => ({
    loss: { names: ['0:total'], steps, columns: [steps.map(() => 1)] },
    evals: { names: ['0:agreement', '0:studentAccuracy'], steps: [0], columns: [[0.4], [0.4]] },
  });
  await putOldRecord(page, record('old-empty', 'Spiral · Forward KL · 10:00', 0), {
    runId: 'old-empty',
    seq: 0,
    ...rowsOf([]),
  });
  await putOldRecord(page, record('old-zeroed', 'Spiral · Forward KL · 10:00', 0), {
    runId: 'old-zeroed',
    seq: 0,
    ...rowsOf([1, 2, 3, 4, 5]),
  });
  await putOldRecord(page, record('old-xor', 'Xor · Forward KL · 10:00', 7), {
    runId: 'old-xor',
    seq: 0,
    ...rowsOf([1, 2, 3, 4, 5, 6, 7]),
  });

  // Today's ways to a run of no steps: students made and not trained (a preset chosen, Reset),
  // the page hidden then; a run paused, then another data set chosen and the page hidden.
  await selectOption(page, 'Experiment', 'modes');
  await quick(page);
  const xor = await trainTo(page, 40);
  await selectOption(page, 'Data set', 'spiral');
  await hide(page);
  await page.getByRole('button', { name: 'Reset' }).click();
  await hide(page);
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForReadout(page, 'Step', (v) => v >= 20);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expectStatus(page, 'Paused');
  await selectOption(page, 'Experiment', 'race');
  await hide(page);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Play' })).toBeEnabled();

  await expect.poll(async () => (await storedRuns(page)).map((r) => r.id)).not.toContain('old-empty');
  expect((await storedRuns(page)).every((r) => r.step > 0)).toBe(true);
  await openHistory(page);
  await expect(page.getByRole('button', { name: /^History \(4\)/ })).toBeVisible();
  const listed = await rows(page);
  expect(listed.map((r) => r.steps).every((s) => s > 0)).toBe(true);
  expect(listed).toHaveLength(4);
  expect(listed.find((r) => r.task === 'xor')!.steps).toBe(xor);
  expect(listed.filter((r) => r.task === 'spiral').map((r) => r.steps)).toEqual(expect.arrayContaining([5, 7]));
  // Each name starts with its task, as the Task column says it.
  for (const r of listed)
    expect(r.name.startsWith(`${r.task[0]!.toUpperCase()}${r.task.slice(1)} · `), r.name).toBe(true);
  expect(listed.map((r) => r.name)).toContain('Spiral · Forward KL · 10:00');
  expect(listed.map((r) => r.name)).not.toContain('Xor · Forward KL · 10:00');
  expect(errors).toEqual([]);
});

test('a history file imported twice says its runs are already there; an imported run resumes', async ({ page }) => {
  const errors: string[] = [];
  await openStudio(page, errors);
  await quick(page);
  const saved = await trainTo(page, 60);
  await selectOption(page, 'Experiment', 'modes');
  await quick(page);
  await trainTo(page, 30);
  await openHistory(page);
  await expect(table(page).locator('tbody tr')).toHaveCount(2);
  const download = page.waitForEvent('download');
  await dialog(page).getByRole('button', { name: 'Export history' }).click();
  const file = await (await download).path();
  expect(JSON.parse(await readFile(file, 'utf8')).runs[1].snapshot.step).toBe(saved);

  const input = dialog(page).getByLabel('History file');
  await input.setInputFiles(file);
  await expect(message(page)).toHaveText('Nothing imported: all 2 runs in this file are already in History.');
  await input.setInputFiles(file);
  await expect(message(page)).toHaveText('Nothing imported: all 2 runs in this file are already in History.');
  await expect(table(page).locator('tbody tr')).toHaveCount(2);

  // The spiral run deleted here and imported from the file: it comes back with its students.
  const spiral = table(page)
    .locator('tbody tr')
    .filter({ has: page.getByRole('cell', { name: 'spiral', exact: true }) });
  await spiral.getByRole('button', { name: /^Delete / }).click();
  await expect(table(page).locator('tbody tr')).toHaveCount(1);
  await input.setInputFiles(file);
  await expect(message(page)).toHaveText('Imported 1 run; 1 was already in History and is not imported again.');
  await expect(table(page).locator('tbody tr')).toHaveCount(2);
  await spiral.getByRole('button', { name: 'Open' }).click();
  await expect(message(page)).toHaveText(
    new RegExp(`at step ${saved.toLocaleString('en-US')}: press Play to continue training it\\.$`),
  );
  await page.keyboard.press('Escape');
  await expectStatus(page, 'Paused');
  expect((await runNow(page)).steps).toEqual(oneTo(saved));
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForReadout(page, 'Step', (v) => v >= saved + 30);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expectStatus(page, 'Paused');
  expect((await runNow(page)).steps).toEqual(oneTo((await runNow(page)).step));
  expect(errors).toEqual([]);
});
