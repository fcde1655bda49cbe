/**
 * Issue 14 §6 in a real browser: two tabs of the studio training and saving at once. Each run
 * keeps its own record with only its own rows, a History open in one tab follows the other
 * tab's saves, and opening the other tab's live run gives a copy instead of two writers.
 */
import { expect, test, type Page } from '@playwright/test';
import { openStudio, selectOption, setField, waitForReadout } from './helpers';
import { enableTestHooks, expectStatus, runNow, storedRuns } from './reliability';

async function startRun(page: Page, dataset: string): Promise<void> {
  await selectOption(page, 'Data set', dataset);
  await selectOption(page, 'Backend', 'wasm');
  await setField(page, 'Steps', '100000');
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForReadout(page, 'Step', (v) => v >= 100);
}

const config = (page: Page) =>
  page.evaluate(
    () =>
      (window as unknown as { kdStudio: { config(): { task: { dataset: string } } } }).kdStudio.config().task.dataset,
  );

test('two tabs training at once keep their runs apart, and History in one follows the other', async ({ context }) => {
  const a = await context.newPage();
  const b = await context.newPage();
  await enableTestHooks(a);
  await enableTestHooks(b);
  await openStudio(a);
  await openStudio(b);
  await startRun(a, 'moons');
  await startRun(b, 'circles');

  // History open in A lists B's run and follows it as B saves (no click, no reload).
  await a.getByRole('button', { name: /^History/ }).click();
  const table = a.getByRole('table', { name: 'Saved runs' });
  const rowOfB = table.getByRole('row').filter({ hasText: 'circles' });
  await expect(rowOfB).toHaveCount(1);
  const stepOf = async () => Number((await rowOfB.locator('td').nth(5).innerText()).replace(/,/g, ''));
  const first = await stepOf();
  await expect.poll(stepOf, { timeout: 30_000 }).toBeGreaterThan(first + 100);

  // B's run is live in B: opening it in A gives a copy, a run of A's own.
  await expect
    .poll(async () => (await storedRuns(b)).filter((r) => r.weightsStep !== undefined).length, { timeout: 90_000 })
    .toBe(2);
  await rowOfB.getByRole('button', { name: 'Open' }).click();
  const opened = a.getByRole('dialog', { name: 'Run history' }).getByText(/^Opened “/);
  await expect(opened).toContainText('as a copy (it is training in another tab)');
  const from = Number(/at step ([\d,]+)/.exec(await opened.innerText())![1]!.replace(/,/g, ''));
  await a.keyboard.press('Escape');
  expect(await config(a)).toBe('circles');

  // Both stop; every record holds one run's rows, all of them, and nothing of the other's.
  await a.getByRole('button', { name: 'Play' }).click();
  await waitForReadout(a, 'Step', (v) => v >= from + 50);
  for (const page of [a, b]) {
    await page.getByRole('button', { name: 'Pause' }).click();
    await expectStatus(page, 'Paused');
  }
  const [stepA, stepB] = [(await runNow(a)).step, (await runNow(b)).step];
  await expect.poll(async () => (await storedRuns(a)).map((r) => r.lossSteps.at(-1)).sort()).toContain(stepA);
  await expect.poll(async () => (await storedRuns(a)).map((r) => r.lossSteps.at(-1)).sort()).toContain(stepB);
  const runs = await storedRuns(a);
  expect(runs).toHaveLength(3);
  for (const r of runs) {
    const gaps = r.lossSteps.flatMap((s, i) => (s !== i + 1 ? [`row ${i}: step ${s}`] : [])).slice(0, 5);
    expect(gaps, `${r.id}: ${r.lossSteps.length} rows`).toEqual([]);
  }
  const datasets = await a.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve) => {
      const r = indexedDB.open('kd-studio');
      r.onsuccess = () => resolve(r.result);
    });
    const runs = await new Promise<{ name: string; config: { task: { dataset: string } } }[]>((resolve) => {
      const r = db.transaction('runs').objectStore('runs').getAll();
      r.onsuccess = () => resolve(r.result);
    });
    db.close();
    return runs.map((r) => `${r.config.task.dataset}${r.name.endsWith('(copy)') ? ' copy' : ''}`).sort();
  });
  expect(datasets).toEqual(['circles', 'circles copy', 'moons']);
});
