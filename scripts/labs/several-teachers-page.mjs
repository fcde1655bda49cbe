#!/usr/bin/env node
/**
 * The several-teachers lab's "Run it as a sweep" (18 runs) measured in the page, not in Node:
 * builds the studio, serves it with `vite preview`, opens the several-teachers preset in headless
 * Chromium on the chosen backend, presses the card's button and waits for the sweep's "Finished"
 * line, then writes the results CSV (the dialog's own download) and prints the lab chart's points.
 *
 *   node scripts/labs/several-teachers-page.mjs [--backend=wasm] [--out=/tmp/several-teachers-page.csv]
 */
import { chromium } from '@playwright/test';
import { writeFile } from 'node:fs/promises';
import { build, preview } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../e2e/chromium.mjs';

const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const backend = arg('backend') ?? 'wasm';
const out = arg('out') ?? '/tmp/several-teachers-page.csv';
// Its own build folder, so that rebuilding dist/ for the browser tests cannot change a running sweep's page.
const outDir = '/tmp/several-teachers-page-dist';

await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true } });
const server = await preview({ preview: { port: 0, host: '127.0.0.1' }, build: { outDir }, logLevel: 'error' });
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true });
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.addInitScript(() => localStorage.setItem('kd-studio:intro-dismissed', '1'));
  await page.goto(server.resolvedUrls.local[0]);
  await page.getByRole('button', { name: 'Play' }).waitFor();
  await page.getByRole('combobox', { name: 'Experiment', exact: true }).selectOption('several-teachers');
  await page.getByRole('combobox', { name: 'Backend', exact: true }).selectOption(backend);
  const card = page.getByRole('region', { name: 'Several teachers lab' });
  const t0 = Date.now();
  await card.getByRole('button', { name: 'Run it as a sweep' }).click();
  const results = page.getByRole('dialog', { name: /^Several teachers: labelled fraction × mix/ });
  const finished = results.getByText(/^Finished: \d+ runs of \d+ steps on /);
  let last = '';
  const tick = setInterval(async () => {
    const status = await results
      .getByRole('status')
      .first()
      .innerText({ timeout: 5_000 })
      .catch(() => '');
    if (status && status !== last) console.log(`${Math.round((Date.now() - t0) / 1000)} s: ${(last = status)}`);
  }, 30_000);
  await finished.waitFor({ timeout: 4 * 3600_000 });
  clearInterval(tick);
  console.log(await finished.innerText(), `(wall ${Math.round((Date.now() - t0) / 1000)} s)`);
  console.log(await results.getByRole('list', { name: 'Student minus best teacher' }).innerText());
  const download = page.waitForEvent('download');
  await results.getByRole('button', { name: 'Download CSV' }).click();
  const path = await (await download).path();
  const { readFile } = await import('node:fs/promises');
  await writeFile(out, await readFile(path));
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await new Promise((done) => server.httpServer.close(done));
}
