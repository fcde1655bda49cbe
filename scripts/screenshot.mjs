#!/usr/bin/env node
/**
 * Regenerates the README images: serves the studio with Vite and, in headless Chromium,
 *   public/screenshot.png       the default experiment after 1,200 steps, a test point selected
 *                               (also the link-preview image);
 *   public/screenshot-text.png  the language task after 300 steps on WASM.
 *   npm run screenshot
 */
import { chromium } from '@playwright/test';
import { createServer } from 'vite';
import { CHROMIUM_PATH } from '../e2e/chromium.mjs';

const server = await createServer({ server: { port: 0, host: '127.0.0.1' }, logLevel: 'error' });
await server.listen();
const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  args: [
    '--no-sandbox',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
// The README's pictures show runs, not the first visit's "What is distillation?" card.
const skipIntro = () => localStorage.setItem('kd-studio:intro-dismissed', '1');
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 960 }, deviceScaleFactor: 1 });
  await page.addInitScript(skipIntro);
  await page.goto(server.resolvedUrls.local[0]);
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForFunction(() => window.kdStudio.run().step >= 1200, null, { timeout: 120_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  // Pick the test point where teacher and student disagree most, if any; else the first.
  const canvas = page.getByRole('img', { name: /^Student:/ });
  const box = await canvas.boundingBox();
  const point = await page.evaluate(() => {
    const { data } = window.kdStudio.run();
    return { x: data.testX[0], y: data.testX[1], extent: data.extent };
  });
  await page.mouse.click(
    box.x + ((point.x + point.extent) / (2 * point.extent)) * box.width,
    box.y + ((point.extent - point.y) / (2 * point.extent)) * box.height,
  );
  await page.waitForTimeout(500);
  await page.screenshot({ path: 'public/screenshot.png' });
  console.log('wrote public/screenshot.png');

  const text = await browser.newPage({ viewport: { width: 1440, height: 1400 }, deviceScaleFactor: 1 });
  await text.addInitScript(skipIntro);
  await text.goto(server.resolvedUrls.local[0]);
  await text.getByRole('combobox', { name: 'Task', exact: true }).selectOption('text');
  await text.getByRole('combobox', { name: 'Backend', exact: true }).selectOption('wasm');
  await text.getByRole('button', { name: 'Play' }).click();
  await text.waitForFunction(() => window.kdStudio.run().step >= 300, null, { timeout: 600_000 });
  await text.getByRole('button', { name: 'Pause' }).click();
  await text.waitForTimeout(3000); // the samples at the pause
  await text.screenshot({ path: 'public/screenshot-text.png' });
  console.log('wrote public/screenshot-text.png');
} finally {
  await browser.close();
  await server.close();
}
