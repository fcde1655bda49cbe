/** Issue 12, part 1, in a real browser: the table task on the shipped penguins, an uploaded CSV, and bad files. */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { openStudio, readoutValue, selectOption, setField, waitForReadout } from './helpers';

const PENGUINS = readFileSync(new URL('../public/data/penguins/penguins.csv', import.meta.url));
const csv = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
const rows = (n: number, row: (i: number) => string) => Array.from({ length: n }, (_, i) => row(i)).join('\n');

const fileInput = (page: Page) => page.getByLabel('Choose a CSV or TSV table', { exact: true });
const inUse = (page: Page) => page.getByLabel('Data file in use');
const datasetSha = (page: Page) =>
  page.evaluate(
    () =>
      (window as unknown as { kdStudio: { config(): { task: { dataset?: { sha256: string } } } } }).kdStudio.config()
        .task.dataset?.sha256,
  );

async function useTableTask(page: Page): Promise<void> {
  await selectOption(page, 'Task', 'table');
  await expect(inUse(page)).toContainText('“penguins.csv”');
  await expect(inUse(page)).toContainText('shipped with the app');
  await expect(page.getByRole('table', { name: 'Table preview' })).toBeVisible();
  await expect(page.getByLabel('Table summary')).toContainText('333 rows · 9 features · 3 classes of “Species”');
}

test('the penguins sample: the teacher trains in the browser and the student distils it on cpu', async ({ page }) => {
  const errors: string[] = [];
  await openStudio(page, errors);
  await useTableTask(page);
  await expect(page.getByLabel('Data notices')).toContainText('Dropped 11 rows with missing values.');
  // Filling the gaps instead re-reads the file: all 344 penguins, the fills counted.
  await selectOption(page, 'Missing values', 'impute');
  await expect(page.getByLabel('Table summary')).toContainText('344 rows');
  await expect(page.getByLabel('Data notices')).toContainText('Filled 8 missing numbers with the training-set mean');
  await selectOption(page, 'Backend', 'cpu');
  // Long enough to watch the teacher's progress bar fill.
  await setField(page, 'Teacher Training steps', '1500');
  await setField(page, 'Steps per frame', '20');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('progressbar', { name: 'Teacher training' })).toBeVisible();
  await waitForReadout(page, 'Agreement', (v) => v >= 0.9, 120_000);
  expect(await readoutValue(page, 'Teacher accuracy')).toBeGreaterThan(0.9);
  const projection = page.getByRole('region', { name: 'Test set projection' });
  await expect(projection).toBeVisible();
  await expect(projection.getByRole('img', { name: /^Principal components of the test set: PC1 \d+%/ })).toBeVisible();
  await expect(projection.getByRole('list', { name: 'Classes' })).toContainText('Chinstrap');
  await expect(page.getByRole('table', { name: 'Student confusion matrix' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Calibration' })).toContainText('ECE');
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.screenshot({ path: 'e2e/artifacts/table-penguins.png', fullPage: true });
  expect(errors).toEqual([]);
});

test('the same CSV uploaded reads as the sample does, and a two-feature table draws the boundary maps', async ({
  page,
}) => {
  const errors: string[] = [];
  await openStudio(page, errors);
  await useTableTask(page);
  await fileInput(page).setInputFiles({ name: 'penguins.csv', mimeType: 'text/csv', buffer: PENGUINS });
  await expect(inUse(page)).not.toContainText('shipped with the app');
  await expect(inUse(page)).toContainText('“penguins.csv” (14 kB, SHA-256 bba73b900cdb…)');
  await expect(page.getByLabel('Table summary')).toContainText('333 rows · 9 features · 3 classes of “Species”');
  // Another label column re-reads the file: the island, from the rest.
  await selectOption(page, 'Label column', 'Island');
  await expect(page.getByLabel('Table summary')).toContainText('classes of “Island”: Biscoe, Dream, Torgersen');

  const two = rows(300, (i) => {
    const x = Math.sin(i * 12.9898) * 3;
    const y = Math.cos(i * 78.233) * 3;
    return `${x.toFixed(3)},${(y * 100).toFixed(1)},${x * x + y * y < 4 ? 'inside' : 'outside'}`;
  });
  await fileInput(page).setInputFiles(csv('rings.csv', `x,y,label\n${two}`));
  await expect(inUse(page)).toContainText('“rings.csv”');
  await expect(page.getByLabel('Table summary')).toContainText('300 rows · 2 features · 2 classes of “label”');
  await selectOption(page, 'Backend', 'cpu');
  await setField(page, 'Teacher Training steps', '300');
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForReadout(page, 'Step', (v) => v >= 50, 120_000);
  const maps = page.getByRole('region', { name: 'Decision boundaries' });
  await expect(maps).toBeVisible();
  await expect(maps.getByRole('img', { name: /^Teacher:/ })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Test set projection' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.screenshot({ path: 'e2e/artifacts/table-two-features.png', fullPage: true });
  expect(errors).toEqual([]);
});

test('bad files each get their message, and the experiment in force stays as it was', async ({ page }) => {
  const errors: string[] = [];
  await openStudio(page, errors);
  await useTableTask(page);
  const before = await inUse(page).innerText();
  const sha = await datasetSha(page);
  const ok = (i: number) => `${i},${(i * 7) % 5},${i % 2 ? 'b' : 'a'}`;
  const cases: [ReturnType<typeof csv>, string | RegExp][] = [
    [
      csv('ragged.csv', `a,b,label\n${ok(0)}\n3,4\n${ok(2)}`),
      'has rows of different lengths: the header has 3 columns, row 2 has 2',
    ],
    [csv('quote.csv', `a,b,label\n${ok(0)}\n3,"4,y\n${ok(2)}`), /has an unbalanced quote near row \d+/],
    [
      csv('one-class.csv', `a,label\n${rows(20, (i) => `${i},same`)}`),
      'The label column “label” has only one class (“same”)',
    ],
    [
      csv('many-classes.csv', `a,label\n${rows(150, (i) => `${i % 7},c${i}`)}`),
      'The label column “label” has 150 classes: the studio classifies into at most 100',
    ],
    [csv('no-feature.csv', `name,label\n${rows(30, (i) => `n${i},${i % 2}`)}`), 'has no feature to learn from'],
    [csv('empty.csv', ''), '“empty.csv” is empty.'],
    [csv('blank.csv', '\n \n'), '“blank.csv” is empty: it has no header and no rows.'],
    [csv('header.csv', 'a,b,label\n'), '“header.csv” has a header but no rows.'],
    [
      csv(
        'wide.csv',
        `${[...Array.from({ length: 1030 }, (_, j) => `f${j}`), 'label'].join(',')}\n${rows(12, (i) => [...Array.from({ length: 1030 }, (_, j) => (i * j) % 11), i % 2].join(','))}`,
      ),
      'has 1,030 features after one-hot encoding: the studio takes at most 1,024',
    ],
    [
      csv('long.csv', `a,label\n${'1,x\n2,y\n'.repeat(100_001)}`),
      'has more than 200,000 rows: the studio reads tables of up to 200,000 rows',
    ],
  ];
  for (const [file, message] of cases) {
    await fileInput(page).setInputFiles(file);
    await expect(page.getByRole('alert', { name: 'Data file problem' }), file.name).toContainText(message);
    await expect(inUse(page)).toHaveText(before);
    expect(await datasetSha(page), file.name).toBe(sha);
  }
  await expect(page.getByLabel('Table summary')).toContainText('333 rows · 9 features · 3 classes of “Species”');
  expect(errors).toEqual([]);
});
