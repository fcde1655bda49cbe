/**
 * Issue 14, §8 in a real browser: the security headers of the preview server and the policy
 * in the built index.html; the studio training, exporting and downloading under the policy
 * without a single violation (page or worker); no request to an address a link names; and a
 * history that no link can delete or overwrite.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { CSP_HEADER, CSP_META } from '../security.config';
import { decodeLink } from '../src/share/link';
import { EVIL_HOST, MARKUP, hostileLinks } from '../src/share/hostile-links.fixtures';
import { rawLink } from '../src/share/link.fixtures';
import { expectChartPng, openStudio, selectOption, setField, useQuickExperiment, workerCaughtUp } from './helpers';

/** Collects every policy violation: the page's events from its first script, the worker's from its console. */
async function watchViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  await page.addInitScript(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
    );
  });
  // The worker says its own (studio.worker.ts); the page's console carries the worker's.
  page.on('console', (m) => {
    if (/Content[- ]Security[- ]Policy/i.test(m.text())) seen.push(m.text());
  });
  return seen;
}

const pageViolations = (page: Page) =>
  page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);

test('the preview server sends the security headers, and the built page carries its policy', async ({ request }) => {
  const html = readFileSync(new URL('../dist/index.html', import.meta.url), 'utf8');
  const worker = /assets\/studio\.worker-[\w-]+\.js/.exec(
    readFileSync(new URL(`../dist/${/assets\/index-[\w-]+\.js/.exec(html)![0]}`, import.meta.url), 'utf8'),
  )?.[0];
  for (const path of ['./', './index.html', `./${worker}`, './favicon.svg', './data/penguins/penguins.csv']) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(200);
    const h = res.headers();
    expect(h['content-security-policy'], path).toBe(CSP_HEADER);
    expect(h['x-content-type-options'], path).toBe('nosniff');
    expect(h['x-frame-options'], path).toBe('DENY');
  }
  for (const directive of [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ])
    expect(CSP_HEADER).toContain(directive);
  // The meta tag: the same policy without frame-ancestors, which browsers ignore there.
  expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${CSP_META}" />`);
  expect(CSP_META).not.toContain('frame-ancestors');
  expect(CSP_META).not.toMatch(/'unsafe-inline'|'unsafe-eval'/);
  // No inline script or handler for the policy to allow: every script is a file.
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
  expect(scripts.length).toBeGreaterThan(0);
  for (const [, attrs, body] of scripts) {
    expect(attrs).toMatch(/\bsrc="\.\/assets\//);
    expect(body!.trim()).toBe('');
  }
  expect(html).not.toMatch(/\son[a-z]+=/i);
  expect(html).not.toMatch(/<style\b/i);
});

test('the studio trains, exports and downloads under the policy without a violation', async ({ page }) => {
  const console = await watchViolations(page);
  const errors: string[] = [];
  await openStudio(page, errors);
  // Auto's trial compiles the WASM backend's WebAssembly, then the default experiment trains.
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect(page.locator('dl[aria-label="Live readouts"]').getByRole('group', { name: 'Backend' })).not.toHaveText(
    /—/,
  );
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  // Training on WASM itself, then on the cpu backend.
  await useQuickExperiment(page);
  await setField(page, 'Steps', '40');
  for (const backend of ['wasm', 'cpu']) {
    await selectOption(page, 'Backend', backend);
    await page.getByRole('button', { name: 'Play' }).click();
    await expect(page.getByRole('status').first()).toContainText('Done', { timeout: 120_000 });
    await page.getByRole('button', { name: 'Reset' }).click();
  }
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('status').first()).toContainText('Done', { timeout: 120_000 });
  // Images through blob: URLs (a canvas chart, a boundary map) and downloads of blob: URLs.
  await expectChartPng(page, 'Top-1 agreement with the teacher');
  await expectChartPng(page, 'Student decision boundary');
  await page.getByRole('button', { name: 'Export' }).click();
  const csv = page.waitForEvent('download');
  await page.getByRole('dialog', { name: 'Export' }).getByRole('button', { name: 'Metrics as CSV' }).click();
  expect((await csv).suggestedFilename()).toBe('kd-studio-metrics.csv');
  await page.getByRole('button', { name: 'Close export' }).click();
  await workerCaughtUp(page);
  expect(await pageViolations(page)).toEqual([]);
  expect(console).toEqual([]);
  expect(errors).toEqual([]);
});

/** Links that name addresses in every string field, as imported models, samples, names. */
function addressLinks(): string[] {
  const imported = (name: string) => ({ kind: 'imported', hash: '0123456789ab', name, featureDim: 48, params: 2643 });
  const links = MARKUP.filter((m) => m.includes(EVIL_HOST)).flatMap((address) => [
    rawLink(JSON.stringify({ 'teacher.model': imported(address), student: imported(address) }), 2) + '&play=1',
    rawLink(JSON.stringify({ 'task.kind': 'table', 'task.dataset.sample': address, 'task.dataset.name': address })),
    rawLink(JSON.stringify({ 'task.kind': 'text', 'task.prompt': address, 'lanes.0.objective': address })),
    rawLink(
      JSON.stringify({
        'task.kind': 'imagefolder',
        'task.dataset.sample': address,
        'task.classNames': [address, address],
      }),
    ),
  ]);
  return [
    ...links,
    ...hostileLinks(40)
      .filter((l) => l.kind === 'markup in every string field')
      .map((l) => l.hash),
  ];
}

test('no address a link names is fetched when it opens', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  const errors: string[] = [];
  await openStudio(page, errors);
  const origin = new URL(page.url()).origin;
  for (const hash of addressLinks()) {
    await page.goto('about:blank');
    await page.goto(`./#${hash}`);
    await expect(page.getByRole('button', { name: 'Play' })).toBeEnabled();
    await workerCaughtUp(page);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  }
  const named = requests.filter((u) => u.includes(EVIL_HOST));
  expect(named).toEqual([]);
  // Every request stays on the app's own origin (or is a blob: or data: URL it made).
  expect(requests.filter((u) => !u.startsWith(origin) && !/^(blob|data|about):/.test(u))).toEqual([]);
  // A model the person asks for by URL, with a click, is fetched (the policy allows https:),
  // and an address that does not answer is a message. (The last link may have asked for
  // presentation mode, which hides the toolbar: open the studio without a link.)
  await page.goto('about:blank');
  await page.goto('./');
  await expect(page.getByRole('button', { name: 'Play' })).toBeEnabled();
  await page.getByRole('button', { name: 'Import model' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import a model' });
  await dialog.getByLabel('Or the URL of a model.json').fill(`https://${EVIL_HOST}/model.json`);
  await dialog.getByRole('button', { name: 'Import from URL' }).click();
  await expect(dialog.getByRole('alert')).toContainText(`Could not fetch https://${EVIL_HOST}/model.json`);
  expect(requests.filter((u) => u.includes(EVIL_HOST))).toEqual([`https://${EVIL_HOST}/model.json`]);
  expect(errors).toEqual([]);
});

/** Every saved run, as stored (the page's IndexedDB, read without the app). */
const storedRuns = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<unknown[]>((resolve, reject) => {
        const open = indexedDB.open('kd-studio');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const get = db.transaction('runs').objectStore('runs').getAll();
          get.onsuccess = () => {
            db.close();
            resolve(get.result as unknown[]);
          };
          get.onerror = () => reject(get.error);
        };
      }),
  );

test('opening hostile links never deletes or overwrites the history', async ({ page }) => {
  const errors: string[] = [];
  await openStudio(page, errors);
  await useQuickExperiment(page);
  await setField(page, 'Steps', '30');
  await selectOption(page, 'Backend', 'cpu');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('status').first()).toContainText('Done', { timeout: 120_000 });
  await expect.poll(async () => (await storedRuns(page)).length).toBe(1);
  await expect.poll(async () => JSON.stringify(await storedRuns(page))).toContain('"step":30');
  const before = await storedRuns(page);
  // Links of every kind of damage that do not start a run (a run that starts adds its own record).
  const links = hostileLinks(120)
    .filter((l) => l.hash.length < 20_000)
    .filter((l) => {
      const r = decodeLink(l.hash);
      return !r.ok || !r.flags.play;
    })
    .filter((l, i, all) => all.findIndex((m) => m.kind === l.kind) === i);
  expect(links.length).toBeGreaterThan(8);
  for (const { hash } of links) {
    await page.goto('about:blank');
    await page.goto(`./#${hash}`);
    await expect(page.getByRole('button', { name: 'Play' })).toBeEnabled();
    await workerCaughtUp(page);
    expect(await storedRuns(page)).toEqual(before);
  }
  expect(errors).toEqual([]);
});
