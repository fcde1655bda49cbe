/**
 * Issue 15, items 4 and 6, in a real browser: Auto chooses in seconds and says what it times,
 * a reload takes the remembered choice without a trial, "Choose again" times again, and the
 * build served cross-origin isolated trains on WASM with threads.
 */
import { expect, test, type Page } from '@playwright/test';
import { openStudio, readout, selectOption, waitForReadout } from './helpers';

/** Records every status line and the moments of Play and of the first step, in the page's clock. */
async function watchRun(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { kdStatus: string[]; kdPlayAt?: number; kdFirstStepAt?: number };
    w.kdStatus = [];
    document.addEventListener(
      'click',
      (e) => {
        if ((e.target as Element).closest('button')?.textContent?.includes('Play')) w.kdPlayAt = performance.now();
      },
      true,
    );
    const status = document.querySelector('[role="status"]')!;
    const step = document.querySelector('dl[aria-label="Live readouts"] [aria-label="Step"] dd')!;
    new MutationObserver(() => {
      const text = status.textContent ?? '';
      if (w.kdStatus.at(-1)?.replace(/^[\d.]+ s /, '') !== text)
        w.kdStatus.push(`${((performance.now() - (w.kdPlayAt ?? 0)) / 1000).toFixed(2)} s ${text}`);
      if (w.kdFirstStepAt === undefined && Number((step.textContent ?? '').replace(/,/g, '')) >= 1)
        w.kdFirstStepAt = performance.now();
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

async function runLog(page: Page) {
  return page.evaluate(() => {
    const w = window as unknown as { kdStatus: string[]; kdPlayAt?: number; kdFirstStepAt?: number };
    return { status: w.kdStatus, firstStepMs: (w.kdFirstStepAt ?? NaN) - (w.kdPlayAt ?? NaN) };
  });
}

/** The trial's own time, as the Backend section shows it ("trial took 1.2 s"). */
async function trialSeconds(page: Page): Promise<number> {
  const text = await page.locator('.backend-status').innerText();
  const m = /trial took ([\d.]+) s/.exec(text);
  expect(m, text).not.toBeNull();
  return Number(m![1]);
}

test('Auto chooses for the default text experiment within 3 s, showing what it times; a reload remembers', async ({
  page,
}) => {
  const errors: string[] = [];
  await openStudio(page, errors);
  await selectOption(page, 'Task', 'text');
  await expect(page.getByRole('combobox', { name: 'Backend', exact: true })).toHaveValue('auto');
  await watchRun(page);
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForReadout(page, 'Step', (v) => v >= 1, 120_000);
  const first = await runLog(page);
  const trial = await trialSeconds(page);
  const trying = first.status.filter((s) => /timing .+ \(\d of \d\)/.test(s));
  console.log(
    `text, Auto: Play → first step ${(first.firstStepMs / 1000).toFixed(2)} s; trial ${trial} s; ` +
      `chose ${await readout(page, 'Backend').innerText()}; ${await page.locator('.backend-status').innerText()}`,
  );
  console.log(first.status.join('\n'));
  expect(trying.length, first.status.join(' | ')).toBeGreaterThan(0);
  expect(trial).toBeLessThanOrEqual(3);
  expect(first.firstStepMs).toBeLessThan(10_000);
  const chosen = await readout(page, 'Backend').innerText();

  // A reload: the same experiment on the same device takes the remembered backend, no trial.
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.reload();
  await expect(page.getByRole('button', { name: 'Play' })).toBeEnabled();
  await selectOption(page, 'Task', 'text');
  await watchRun(page);
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForReadout(page, 'Step', (v) => v >= 1, 120_000);
  const again = await runLog(page);
  console.log(`text, Auto, remembered: Play → first step ${(again.firstStepMs / 1000).toFixed(2)} s`);
  expect(again.status.filter((s) => /timing /.test(s))).toEqual([]);
  await expect(readout(page, 'Backend')).toHaveText(chosen);
  await expect(page.locator('.backend-status')).toContainText('remembered');

  // "Choose again": the run is dropped and the next Play times every backend again.
  await page.getByRole('button', { name: 'Choose again' }).click();
  await expect(readout(page, 'Backend')).toHaveText('—');
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForReadout(page, 'Step', (v) => v >= 1, 120_000);
  expect((await runLog(page)).status.filter((s) => /timing /.test(s)).length).toBeGreaterThan(0);
  expect(errors).toEqual([]);
});

test('a Cancel ends the trial: nothing is built, and Play starts again', async ({ page }) => {
  await openStudio(page);
  await selectOption(page, 'Task', 'text');
  await page.getByRole('button', { name: 'Play' }).click();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('button', { name: 'Play' })).toBeEnabled();
  await expect(readout(page, 'Backend')).toHaveText('—');
  await expect(readout(page, 'Step')).toHaveText('0');
});

test('served cross-origin isolated, the build trains on WASM with threads without an error', async ({ page }) => {
  const errors: string[] = [];
  const console_: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') console_.push(m.text());
  });
  await openStudio(page, errors);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  // Auto times WASM with threads as one more candidate.
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForReadout(page, 'Step', (v) => v >= 1, 120_000);
  await expect(page.locator('.trial-list')).toContainText(/wasm \+ \d+ threads\s+[\d.]+ ms\/step/);
  console.log(`toy trial: ${await page.locator('.trial-list').innerText()}`.replace(/\n/g, '; '));

  // The remembered choice, edited to WASM with threads: the run trains there.
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const r = indexedDB.open('kd-studio-backend');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const store = db.transaction('choices', 'readwrite').objectStore('choices');
    const keys = await new Promise<IDBValidKey[]>((ok) => {
      const r = store.getAllKeys();
      r.onsuccess = () => ok(r.result);
    });
    for (const k of keys) store.put({ version: 1, name: 'wasm', threads: true, savedAt: Date.now() }, k);
  });
  await page.reload();
  await expect(page.getByRole('button', { name: 'Play' })).toBeEnabled();
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForReadout(page, 'Step', (v) => v >= 20, 120_000);
  await expect(readout(page, 'Backend')).toHaveText('wasm');
  await expect(page.locator('.backend-status')).toContainText(/WebAssembly \+ SIMD \+ threads \(\d+\)/);
  await expect(page.locator('.backend-status')).toContainText('remembered');
  expect(errors).toEqual([]);
  expect(console_).toEqual([]);
});

test('the preview server sends the cross-origin isolation headers', async ({ request }) => {
  const res = await request.get('./');
  expect(res.headers()['cross-origin-opener-policy']).toBe('same-origin');
  expect(res.headers()['cross-origin-embedder-policy']).toBe('credentialless');
});

test('choosing a backend by hand during the trial ends it, and the run trains there', async ({ page }) => {
  await openStudio(page);
  await selectOption(page, 'Task', 'text');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('status')).toContainText(/timing /);
  await selectOption(page, 'Backend', 'wasm');
  await waitForReadout(page, 'Step', (v) => v >= 1, 120_000);
  await expect(readout(page, 'Backend')).toHaveText('wasm');
  await expect(page.locator('.backend-status')).toContainText('chosen by you');
});
