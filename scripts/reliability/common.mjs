/**
 * Shared by the reliability scripts: the production build served as a user gets it (run
 * `npx vite build` first), the system Chromium with the browser tests' flags, and the app's
 * test hooks (src/state/test-hooks.ts) turned on before it loads.
 */
import { chromium } from '@playwright/test';
import { preview } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../e2e/chromium.mjs';

export async function openApp(extraArgs = []) {
  const server = await preview({ preview: { port: 0, host: '127.0.0.1', strictPort: false }, logLevel: 'error' });
  const url = server.resolvedUrls.local[0];
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...extraArgs] });
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  await context.addInitScript(() => {
    window.__kdStudioTestHooks = true;
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await page.goto(url);
  await page.getByRole('button', { name: 'Play' }).waitFor();
  const close = async () => {
    await browser.close();
    await new Promise((resolve) => server.httpServer.close(resolve));
  };
  return { page, context, browser, url, close };
}

/** Sets the experiment through the console handle (kdStudio.setConfig), as a script of one's own would. */
/** Sets training settings (and the backend) and waits until the address bar carries them, so a reload keeps them. */
export async function setTrain(page, train, backend) {
  const before = await page.evaluate(() => location.hash);
  await page.evaluate(
    ([t, b]) => {
      const k = window.kdStudio;
      const c = k.config();
      k.setConfig({ ...c, ...(b && { backend: b }), train: { ...c.train, ...t } });
    },
    [train, backend],
  );
  await page.waitForFunction((h) => location.hash !== h, before);
}

export const run = (page) =>
  page.evaluate(() => {
    const r = window.kdStudio.run();
    return { step: r.step, status: r.status, perSecond: r.stepsPerSecond, numTensors: r.numTensors };
  });

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function until(page, pred, timeoutMs = 120_000) {
  const t0 = Date.now();
  for (;;) {
    const r = await run(page);
    if (pred(r)) return r;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting; last ${JSON.stringify(r)}`);
    await sleep(100);
  }
}

/** The newest run in History, as stored: its last saved loss step and its saved students' step. */
export function newestStored(page) {
  return page.evaluate(async () => {
    const db = await new Promise((res, rej) => {
      const r = indexedDB.open('kd-studio');
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    const all = (store) =>
      new Promise((res, rej) => {
        const r = db.transaction(store).objectStore(store).getAll();
        r.onsuccess = () => res(r.result);
        r.onerror = () => rej(r.error);
      });
    const [runs, chunks] = await Promise.all([all('runs'), all('chunks')]);
    db.close();
    const newest = runs.sort((a, b) => b.createdAt - a.createdAt)[0];
    if (!newest) return null;
    let steps = [];
    for (const c of chunks.filter((c) => c.runId === newest.id).sort((a, b) => a.seq - b.seq)) {
      if (c.cut) steps = steps.filter((s) => s <= c.cut.loss);
      steps.push(...c.loss.steps);
    }
    return { id: newest.id, saved: steps.at(-1) ?? 0, weightsStep: newest.summary.weightsStep, rows: steps.length };
  });
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
