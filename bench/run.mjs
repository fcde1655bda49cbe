#!/usr/bin/env node
/**
 * `npm run bench`: serves the project with Vite, opens bench/index.html in headless Chromium
 * (the system one, with the WebGPU-on-SwiftShader flags) and prints what the page measures.
 *   npm run bench                     all backends
 *   npm run bench -- webgl,wasm       only these
 *   npm run bench -- all text         only these sections (step, counts, race, images, text, text-step,
 *                                     text-profile, imagefolder, csv)
 *   npm run bench -- wasm text-pool   the text section's teacher-output pool table alone
 *   npm run bench -- wasm text-gen    its generated-windows and samples tables alone
 */
import { chromium } from '@playwright/test';
import { createServer } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium.mjs';

const only = process.argv[2] && process.argv[2] !== 'all' ? process.argv[2] : undefined;
const sections = process.argv[3];
// No HMR and no file watching: editing the project while a benchmark runs must not reload it.
const server = await createServer({
  server: { port: 0, host: '127.0.0.1', hmr: false, watch: { ignored: ['**/*'] } },
  logLevel: 'error',
});
await server.listen();
const url = server.resolvedUrls.local[0];
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && console.error(`console: ${m.text()}`));
  page.on('response', (r) => r.status() >= 400 && console.error(`${r.status()}: ${r.url()}`));
  let printed = 0;
  const query = new URLSearchParams({ ...(only && { backends: only }), ...(sections && { sections }) });
  await page.goto(`${url}bench/index.html?${query}`);
  for (;;) {
    const s = await page.evaluate(() => window.__bench);
    for (; s && printed < s.log.length; printed++) console.log(`  ${s.log[printed]}`);
    if (s?.done) {
      if (s.error) throw new Error(s.error);
      const r = s.report;
      for (const t of r.tables) {
        console.log(`\n${t.title}`);
        const widths = t.columns.map((c, i) => Math.max(c.length, ...t.rows.map((row) => String(row[i] ?? '').length)));
        const line = (cells) =>
          cells
            .map((c, i) => (i === 0 ? String(c ?? '').padEnd(widths[0]) : String(c ?? '').padStart(widths[i])))
            .join('   ');
        console.log(line(t.columns));
        for (const row of t.rows) console.log(line(row));
        if (t.note && t.rows.some((row) => String(row[0]).includes('software'))) console.log(t.note);
      }
      console.log(`\nauto chose: ${r.auto.chosen} (${r.auto.reason})`);
      break;
    }
    await new Promise((res) => setTimeout(res, 500));
  }
} finally {
  await browser.close();
  await server.close();
}
