/**
 * Helpers of the reliability browser tests (issue 14): the test hooks the app offers a test
 * that asks for them before it loads, what History holds (read from IndexedDB, as the app
 * stores it), and the run notices.
 */
import { expect, type Page } from '@playwright/test';

/** Asks the app for its test hooks (state/test-hooks.ts); call before the first goto. */
export async function enableTestHooks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    (window as unknown as { __kdStudioTestHooks: boolean }).__kdStudioTestHooks = true;
  });
}

type Hook = 'close' | 'throw-in-tick' | 'lose-device' | 'memory';

/** Runs a test hook in the worker (refused there unless enableTestHooks was called). */
export function debug(page: Page, command: Hook): Promise<unknown> {
  return page.evaluate(
    (c) => (window as unknown as { kdStudio: { debug(c: string): Promise<unknown> } }).kdStudio.debug(c),
    command,
  );
}

/** The run store's step and one loss column, as the page holds them. */
export function runNow(page: Page, column = '0:total'): Promise<{ step: number; steps: number[]; values: number[] }> {
  return page.evaluate((name) => {
    type S = { steps: number[]; column(n: string): number[] | undefined };
    const run = (window as unknown as { kdStudio: { run(): { step: number; loss: S } } }).kdStudio.run();
    return { step: run.step, steps: [...run.loss.steps], values: [...(run.loss.column(name) ?? [])] };
  }, column);
}

export interface StoredRun {
  id: string;
  step: number;
  weightsStep?: number;
  live?: boolean;
  /** Loss rows in the record's log, assembled as the app does (cuts applied). */
  lossSteps: number[];
}

/** Every run in History as stored (IndexedDB 'kd-studio'), newest first. */
export function storedRuns(page: Page): Promise<StoredRun[]> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('kd-studio');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const all = <T>(store: string) =>
      new Promise<T[]>((resolve, reject) => {
        if (!db.objectStoreNames.contains(store)) return resolve([]);
        const r = db.transaction(store).objectStore(store).getAll();
        r.onsuccess = () => resolve(r.result as T[]);
        r.onerror = () => reject(r.error);
      });
    type Run = { id: string; updatedAt: number; summary: { step: number; weightsStep?: number }; live?: boolean };
    type Chunk = { runId: string; seq: number; cut?: { loss: number }; loss: { steps: number[] } };
    const [runs, chunks] = await Promise.all([all<Run>('runs'), all<Chunk>('chunks')]);
    db.close();
    return runs
      .sort((a, b) => b.updatedAt - a.updatedAt)
      .map((r) => {
        let steps: number[] = [];
        for (const c of chunks.filter((c) => c.runId === r.id).sort((a, b) => a.seq - b.seq)) {
          if (c.cut) steps = steps.filter((s) => s <= c.cut!.loss);
          steps.push(...c.loss.steps);
        }
        return { id: r.id, step: r.summary.step, weightsStep: r.summary.weightsStep, live: r.live, lossSteps: steps };
      });
  });
}

export const runNotices = (page: Page) => page.getByRole('alert', { name: 'Run notices' });

/** Resolves when a run notice contains `text`; the milliseconds since `t0` (the page's performance.now()). */
export function noticeAfter(page: Page, text: string, t0: number): Promise<number> {
  return page.evaluate(
    ([want, since]) =>
      new Promise<number>((resolve) => {
        const check = () => {
          const el = document.querySelector('[aria-label="Run notices"]');
          if (el?.textContent?.includes(want)) resolve(performance.now() - since);
          else requestAnimationFrame(check);
        };
        check();
      }),
    [text, t0] as const,
  );
}

/** Numbers 1…n, as the steps of a run that trained n steps without a gap. */
export const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/** The status line says `text`. */
export async function expectStatus(page: Page, text: string | RegExp, timeout?: number): Promise<void> {
  await expect(page.locator('.run-status')).toContainText(text, { timeout });
}
