#!/usr/bin/env node
/**
 * Screenshots of the layout at a phone's, a small laptop's and a desktop's size, for a person to
 * look at (issue 16, item 3): the toy task idle and training, the text task, and (at the phone's
 * size) the settings drawer open. Serve a build first, then:
 *   npx vite build && npx vite preview --port 4403 --host 127.0.0.1 &
 *   node scripts/layout-shots.mjs http://127.0.0.1:4403/ [out-dir]
 * Files go to e2e/artifacts/layout/ unless another folder is given.
 */
import { mkdirSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium.mjs';

const url = process.argv[2] ?? 'http://127.0.0.1:4403/';
const out = process.argv[3] ?? 'e2e/artifacts/layout';
mkdirSync(out, { recursive: true });
const SIZES = [
  [390, 844],
  [1024, 700],
  [1440, 900],
];

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  for (const [width, height] of SIZES) {
    const page = await browser.newPage({ viewport: { width, height } });
    const ready = () =>
      page
        .getByRole('banner')
        .getByRole('status')
        .getByText(/^Ready: press Play/)
        .waitFor();
    const settings = async (act) => {
      // At the phone's size the settings are in the drawer.
      const drawer = width <= 900;
      if (drawer) await page.getByRole('button', { name: 'Settings', exact: true }).click();
      await act();
      if (drawer) await page.keyboard.press('Escape');
    };
    await page.goto(url);
    await ready();
    await page.screenshot({ path: `${out}/${width}-toy-idle.png` });
    if (width <= 900) {
      await page.getByRole('button', { name: 'Settings', exact: true }).click();
      await page.getByRole('dialog', { name: 'Settings', exact: true }).waitFor();
      await page.screenshot({ path: `${out}/${width}-drawer.png` });
      await page.keyboard.press('Escape');
    }
    await settings(() => page.getByRole('combobox', { name: 'Backend', exact: true }).selectOption('wasm'));
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await page.waitForFunction(() => window.kdStudio.run().step >= 300, null, { timeout: 300_000 });
    await page.screenshot({ path: `${out}/${width}-toy-training.png` });
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await settings(() => page.getByRole('combobox', { name: 'Task', exact: true }).selectOption('text'));
    await ready();
    await page.screenshot({ path: `${out}/${width}-text-idle.png`, fullPage: true });
    await page.close();
    console.log(`${width}×${height} done`);
  }
} finally {
  await browser.close();
}
