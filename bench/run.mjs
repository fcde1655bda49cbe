#!/usr/bin/env node
/**
 * `npm run bench`: serves the project with Vite, opens bench/index.html in headless Chromium
 * (the system one, with the WebGPU-on-SwiftShader flags) and prints what the page measures.
 *   npm run bench                     all backends
 *   npm run bench -- webgl,wasm       only these
 */
import { chromium } from '@playwright/test';
import { createServer } from 'vite';

const ARGS = [
  '--enable-unsafe-webgpu',
  '--use-webgpu-adapter=swiftshader',
  '--enable-unsafe-swiftshader',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const only = process.argv[2];
const server = await createServer({ server: { port: 0, host: '127.0.0.1' }, logLevel: 'error' });
await server.listen();
const url = server.resolvedUrls.local[0];
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ARGS });
try {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && console.error(`console: ${m.text()}`));
  let printed = 0;
  await page.goto(`${url}bench/index.html${only ? `?backends=${only}` : ''}`);
  for (;;) {
    const s = await page.evaluate(() => window.__bench);
    for (; s && printed < s.log.length; printed++) console.log(`  ${s.log[printed]}`);
    if (s?.done) {
      if (s.error) throw new Error(s.error);
      const r = s.report;
      console.log('\nDistillation step, studio vs a minimal tfjs loop (same model, same backend, side by side;');
      console.log('"studio+eval" adds the held-out evaluation every 10 steps that the studio runs by default):');
      console.log('backend            studio steps/s   minimal steps/s   ratio   studio+eval steps/s   ratio');
      for (const row of r.rows) {
        if (!row.results.length) {
          console.log(`${row.backend.padEnd(18)} skipped: ${row.note}`);
          continue;
        }
        const [a, b, c] = row.results;
        const name = `${row.backend}${row.software ? ' (software)' : ''}`;
        const ratio = (x) => (x.perSecond / b.perSecond).toFixed(2).padStart(5);
        console.log(
          `${name.padEnd(18)} ${a.perSecond.toFixed(1).padStart(14)}   ${b.perSecond.toFixed(1).padStart(15)}   ${ratio(a)}   ${c.perSecond.toFixed(1).padStart(19)}   ${ratio(c)}`,
        );
      }
      console.log(`\nauto chose: ${r.auto.chosen} (${r.auto.reason})`);
      if (r.rows.some((x) => x.software))
        console.log('Note: software adapters (SwiftShader) are correctness checks, not performance results.');
      break;
    }
    await new Promise((res) => setTimeout(res, 500));
  }
} finally {
  await browser.close();
  await server.close();
}
