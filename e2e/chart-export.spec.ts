/**
 * Issue 16, item 6 in a real browser: charts people put on slides. PNG at 2× and 3× (checked in
 * the downloaded file's pixel size), SVG that parses, the last x tick fully inside the chart,
 * a marker where the objective was switched mid-run, and the saliency maps' colour legend.
 */
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { openStudio, selectOption, setField } from './helpers';

/** Clicks `button` and returns the download's name and bytes. */
async function download(page: Page, button: ReturnType<Page['getByRole']>) {
  const file = page.waitForEvent('download');
  await button.click();
  const d = await file;
  return { name: d.suggestedFilename(), bytes: await readFile(await d.path()) };
}

type Marker = { step: number; label: string; detail: string };
type Studio = { kdStudio: { run(): { step: number; markers: Marker[] } } };
const runState = (page: Page) =>
  page.evaluate(() => {
    const { step, markers } = (window as unknown as Studio).kdStudio.run();
    return { step, markers };
  });

/** A PNG's size from its IHDR chunk. */
const pngSize = (b: Buffer) => ({
  signature: b.subarray(1, 4).toString(),
  width: b.readUInt32BE(16),
  height: b.readUInt32BE(20),
});

test('a live chart exports at 2× and 3× and as SVG, its last tick inside, with a marker where the objective changed', async ({
  page,
}) => {
  const errors: string[] = [];
  await openStudio(page, errors);
  await setField(page, 'Teacher Training steps', '200');
  await setField(page, 'Steps', '3000');
  await setField(page, 'Steps per frame', '10');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible({ timeout: 120_000 });
  await expect.poll(async () => (await runState(page)).step, { timeout: 120_000 }).toBeGreaterThan(300);
  // Mid-run: the objective switches, at the step the worker says it applies from.
  await selectOption(page, 'Objective', 'dkd');
  await setField(page, 'Steps per frame', '100');
  await expect(page.getByRole('status')).toContainText('Finished the planned 3000 steps', { timeout: 180_000 });
  const { markers } = await runState(page);
  expect(markers).toHaveLength(1);
  expect(markers[0]!.step).toBeGreaterThan(300);
  expect(markers[0]!.detail).toBe('Student 1 › Objective Forward KL → Decoupled KD');
  // On every live chart (their accessible descriptions name it), and in the hover readout.
  const charts = page.locator('figure.chart-card canvas');
  const n = await charts.count();
  expect(n).toBeGreaterThanOrEqual(5);
  for (let i = 0; i < n; i++)
    await expect(charts.nth(i)).toHaveAttribute('aria-label', /Objective Forward KL → Decoupled KD/);
  const loss = page.getByRole('img', { name: /^Loss: / });
  // The mouse moves by page coordinates: the chart must be on screen (the intro card and a
  // lesson panel push the charts below the fold).
  await loss.scrollIntoViewIfNeeded();
  const box = (await loss.boundingBox())!;
  // The plot runs from 46 px to 10 px before the right edge, steps 0 to 3,000.
  await page.mouse.move(box.x + 46 + ((box.width - 56) * markers[0]!.step) / 3000, box.y + 60);
  await expect(page.locator('.chart-tooltip-change')).toHaveText(/^Changed at step [\d,]+: Student 1 › Objective/);
  const card = page.locator('figure.chart-card').filter({ has: loss });
  await card.screenshot({ path: 'e2e/artifacts/chart-marker.png' });
  await page.mouse.move(0, 0);

  // PNG at 2× (the PNG button) and 3× (▾): twice and three times the chart and its title band.
  const css = await loss.evaluate((c) => ({ width: c.clientWidth, height: c.clientHeight }));
  const two = await download(page, page.getByRole('button', { name: 'Download “Loss” as PNG', exact: true }));
  expect(two.name).toBe('Loss.png');
  expect(pngSize(two.bytes)).toEqual({ signature: 'PNG', width: 2 * css.width, height: 2 * (css.height + 22) });
  await page.getByRole('button', { name: 'More formats for “Loss”' }).click();
  const three = await download(page, page.getByRole('button', { name: 'Download “Loss” as PNG at 3×' }));
  expect(pngSize(three.bytes)).toEqual({ signature: 'PNG', width: 3 * css.width, height: 3 * (css.height + 22) });
  console.log(`Loss PNG: ${css.width}×${css.height + 22} on screen, 2× ${JSON.stringify(pngSize(two.bytes))}`);

  // SVG: parses, and every x tick label lies inside the chart's box (the last one was cut: "3,00").
  await page.getByRole('button', { name: 'More formats for “Loss”' }).click();
  const svg = await download(page, page.getByRole('button', { name: 'Download “Loss” as SVG' }));
  expect(svg.name).toBe('Loss.svg');
  const check = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const root = doc.documentElement;
    const parsed = root.nodeName === 'svg' && !doc.querySelector('parsererror');
    // Laid out in the page to measure its text as drawn.
    const host = document.createElement('div');
    host.innerHTML = text;
    document.body.append(host);
    const el = host.querySelector('svg')!;
    const width = Number(el.getAttribute('width'));
    const last = [...el.querySelectorAll('text')].find((t) => t.textContent === '3,000');
    const b = last?.getBBox();
    const markerLines = el.querySelectorAll('path[stroke="#7c3aed"]').length;
    host.remove();
    return { parsed, width, last: b && { left: b.x, right: b.x + b.width }, markerLines };
  }, svg.bytes.toString('utf8'));
  expect(check.parsed).toBe(true);
  expect(check.width).toBe(css.width);
  expect(check.last).toBeDefined();
  expect(check.last!.left).toBeGreaterThanOrEqual(0);
  expect(check.last!.right).toBeLessThanOrEqual(css.width);
  expect(check.markerLines).toBe(1);
  // And on the page: the canvas's own last label, measured the way it is drawn, ends inside it.
  const onCanvas = await loss.evaluate((c: HTMLCanvasElement) => {
    const ctx = c.getContext('2d')!;
    ctx.font = '11px Inter, system-ui, sans-serif';
    return ctx.measureText('3,000').width;
  });
  expect(onCanvas).toBeGreaterThan(20);
  expect(errors).toEqual([]);
});

test('the saliency maps have a colour legend', async ({ page }) => {
  const errors: string[] = [];
  await openStudio(page, errors);
  await selectOption(page, 'Task', 'images');
  await setField(page, 'Training images', '500');
  await setField(page, 'Test images', '200');
  await setField(page, 'Steps', '20');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('status')).toContainText('Finished the planned 20 steps', { timeout: 200_000 });
  await page.getByRole('button', { name: /^Test image 0:/ }).click();
  await expect(page.getByRole('img', { name: 'Student saliency' })).toBeVisible({ timeout: 60_000 });
  const legend = page.getByRole('figure', { name: 'Saliency colour legend' });
  await expect(legend).toBeVisible();
  await expect(legend).toContainText('away from the class');
  await expect(legend).toContainText('towards it');
  await expect(legend.getByRole('img', { name: /^Blue: pushes away from the class/ })).toBeVisible();
  await page
    .getByRole('complementary', { name: 'Explanation' })
    .screenshot({ path: 'e2e/artifacts/saliency-legend.png' });
  // The images task's charts carry the same export.
  await page
    .getByRole('button', { name: /^More formats for / })
    .first()
    .click();
  await expect(page.getByRole('button', { name: /as SVG$/ }).first()).toBeVisible();
  expect(errors).toEqual([]);
});
