import { expect, type Page } from '@playwright/test';

/** Records main-thread long tasks from the very start of the page. */
export async function watchLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
}

export async function longTasksSince(page: Page, since: number): Promise<{ start: number; duration: number }[]> {
  return page.evaluate(
    (t) =>
      (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks.filter(
        (e) => e.start >= t,
      ),
    since,
  );
}

export async function openStudio(page: Page, errors: string[] = []): Promise<void> {
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./');
  await expect(page.getByRole('button', { name: 'Play' })).toBeEnabled();
}

/**
 * Resolves once the worker has carried out every command sent before this call: its commands
 * run one at a time, in order, and a view query is one of them (`samples` answers nothing outside the text task).
 */
export async function workerCaughtUp(page: Page): Promise<void> {
  await page.evaluate(() =>
    (
      window as unknown as { kdStudio: { studio: { query(name: string, args: unknown): Promise<unknown> } } }
    ).kdStudio.studio.query('samples', { length: 1 }),
  );
}

/**
 * Waits until the idle studio is fully drawn and idle: the run status says Ready, Play is
 * enabled, the charts show their empty state, the worker has answered the page's commands so
 * far (the config, and the data preview it sends back), web fonts have loaded and a frame has
 * been painted since. Tests that watch for long tasks start watching after this, so that
 * start-up work (first render, fonts, the worker's first answers) is not counted.
 */
export async function waitForIdlePage(page: Page): Promise<void> {
  await expect(page.getByRole('banner').getByRole('status')).toHaveText(/^Ready: press Play/);
  await expect(page.getByRole('button', { name: 'Play' })).toBeEnabled();
  await expect(page.getByRole('img', { name: 'Loss: no data yet' })).toBeVisible();
  await workerCaughtUp(page);
  await page.evaluate(async () => {
    await document.fonts.ready;
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  });
}

/** The text of a labelled readout ("Agreement" → "94.4%"), found by its accessible name. */
export function readout(page: Page, label: string) {
  return page.locator('dl[aria-label="Live readouts"]').getByRole('group', { name: label, exact: true }).locator('dd');
}

/** A readout as a number: "94.4%" → 0.944, "1,200" → 1200, "—" → NaN. */
export async function readoutValue(page: Page, label: string): Promise<number> {
  const text = (await readout(page, label).innerText()).replace(/,/g, '').trim();
  if (text.endsWith('%')) return Number(text.slice(0, -1)) / 100;
  return Number(text);
}

/** Types into a labelled field and commits it (Enter), as a person would. */
export async function setField(page: Page, label: string, value: string): Promise<void> {
  const input = page.getByLabel(label, { exact: true });
  await input.fill(value);
  await input.press('Enter');
}

export async function selectOption(page: Page, label: string, value: string): Promise<void> {
  await page.getByRole('combobox', { name: label, exact: true }).selectOption(value);
}

/** Waits until a readout satisfies `ok`, failing with the last value seen. */
export async function waitForReadout(
  page: Page,
  label: string,
  ok: (v: number) => boolean,
  timeout = 180_000,
): Promise<number> {
  let last = NaN;
  await expect
    .poll(
      async () => {
        last = await readoutValue(page, label);
        return ok(last);
      },
      { timeout, intervals: [250, 500, 1000], message: `${label} readout` },
    )
    .toBe(true);
  return last;
}

/** Small settings that keep software WebGPU runs short: moons, a small teacher, short training. */
export async function useQuickExperiment(page: Page): Promise<void> {
  await selectOption(page, 'Data set', 'moons');
  await setField(page, 'Points', '300');
  await setField(page, 'Teacher Hidden widths', '16, 16');
  await setField(page, 'Teacher Training steps', '150');
  await setField(page, 'Teacher Learning rate', '0.03');
  await setField(page, 'Steps per frame', '20');
  // Long enough that a run is still going when a test pauses it.
  await setField(page, 'Steps', '100000');
}

export async function status(page: Page): Promise<string> {
  return page.getByRole('status').innerText();
}

/** One column of the run's series (`lane:key`, e.g. "0:total" or "0:agreement"), as plain numbers. */
export function runColumn(page: Page, series: 'loss' | 'evals', name: string): Promise<number[]> {
  return page.evaluate(
    ([which, n]) => {
      type Column = { column(n: string): number[] | undefined };
      const run = (window as unknown as { kdStudio: { run(): { loss: Column; evals: Column } } }).kdStudio.run();
      return [...(run[which].column(n) ?? [])];
    },
    [series, name] as const,
  );
}

/**
 * Clicks a chart's "PNG" button and checks the download: the expected file name, a PNG
 * signature and a picture at least `minWidth` pixels wide with more than one colour in it.
 */
export async function expectChartPng(page: Page, chart: string | RegExp, minWidth = 150): Promise<void> {
  const button = page
    .getByRole('button', { name: typeof chart === 'string' ? `Download “${chart}” as PNG` : chart })
    .first();
  const title = (await button.getAttribute('aria-label'))!.replace(/^Download “(.*)” as PNG$/, '$1');
  const download = page.waitForEvent('download');
  await button.click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`${title.replace(/[^\w‖()=. -]+/g, '').trim()}.png`);
  const path = await file.path();
  const info = await page.evaluate(
    async (bytes) => {
      const data = new Uint8Array(bytes);
      const bitmap = await createImageBitmap(new Blob([data], { type: 'image/png' }));
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(bitmap, 0, 0);
      const pixels = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
      const colours = new Set<number>();
      for (let i = 0; i < pixels.length && colours.size < 8; i += 4 * 97)
        colours.add(pixels[i]! * 65536 + pixels[i + 1]! * 256 + pixels[i + 2]!);
      return { signature: Array.from(data.slice(1, 4)), width: bitmap.width, colours: colours.size };
    },
    Array.from(await (await import('node:fs/promises')).readFile(path)),
  );
  expect(String.fromCharCode(...info.signature)).toBe('PNG');
  expect(info.width).toBeGreaterThanOrEqual(minWidth);
  expect(info.colours).toBeGreaterThan(2);
}

type WorkerMemory = { numTensors: number; numBytes: number };

/** The worker's memory, or null when it does not answer within `ms`. */
export const workerMemory = (page: Page, ms = 5000) =>
  page.evaluate(
    (timeout) =>
      Promise.race([
        (window as unknown as { kdStudio: { studio: { memory(): Promise<WorkerMemory> } } }).kdStudio.studio.memory(),
        new Promise<null>((r) => setTimeout(() => r(null), timeout)),
      ]),
    ms,
  );
