/**
 * Issue 14, hostile model files in a real browser: the nastiest of the bad-file table
 * (src/state/bad-files.test.ts) through the Import dialog's file picker and its URL field,
 * served by page.route (no network). Each gets its message, the worker keeps no tensor of it,
 * the experiment is unchanged, and the studio still trains afterwards.
 */
import { gzipSync } from 'node:zlib';
import * as tf from '@tensorflow/tfjs';
import { expect, test, type Page } from '@playwright/test';
import { badModelCases, validModelFiles, type BadModelCase } from '../src/engine/model-io/fixtures';
import { openStudio, readoutValue, selectOption, setField } from './helpers';

const config = (page: Page) =>
  page.evaluate(() => (window as unknown as { kdStudio: { config(): unknown } }).kdStudio.config());
const workerTensors = (page: Page) =>
  page.evaluate(async () => {
    const k = (window as unknown as { kdStudio: { studio: { memory(): Promise<{ numTensors: number }> } } }).kdStudio;
    return (await k.studio.memory()).numTensors;
  });

test('hostile model files are refused by picker and by URL, and the studio still trains', async ({ page }) => {
  tf.env().set('IS_TEST', true); // no "use tfjs-node" banner: the fixtures need only the cpu backend
  await tf.setBackend('cpu');
  const fixtures = new Map((await badModelCases()).map((c) => [c.name, c]));
  const fixture = (name: string): BadModelCase => fixtures.get(name)!;
  const { json, weights } = await validModelFiles();
  const errors: string[] = [];
  await openStudio(page, errors);
  await selectOption(page, 'Backend', 'cpu');
  await setField(page, 'Teacher Training steps', '150');
  await setField(page, 'Steps', '40');
  const before = await config(page);
  // The worker picks its backend on its first import: a good model, checked and not applied.
  await page.evaluate(
    async ({ modelJson, bytes }) => {
      const k = (
        window as unknown as {
          kdStudio: { studio: { importModel(r: object): Promise<{ ok: boolean }> }; config(): unknown };
        }
      ).kdStudio;
      const weights = [{ name: 'weights.bin', bytes: new Uint8Array(bytes).buffer }];
      const r = await k.studio.importModel({
        name: 'warm-up',
        role: 'student',
        modelJson,
        weights,
        config: k.config(),
        quiet: true,
      });
      if (!r.ok) throw new Error('the warm-up import failed');
    },
    { modelJson: JSON.stringify(json), bytes: Array.from(new Uint8Array(weights)) },
  );
  const tensors = await workerTensors(page);
  await page.getByRole('button', { name: 'Import model' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import a model' });
  const alert = dialog.getByRole('alert');

  // By file picker: NaN weights, 10,000 layers (a stack overflow and 20,000 tensors left in
  // the worker before), a weight named __proto__.
  for (const name of ['NaN weights', '10,000 layers', 'a weight named __proto__']) {
    const c = fixture(name);
    await dialog.getByLabel('Model files').setInputFiles([
      { name: 'model.json', mimeType: 'application/json', buffer: Buffer.from(c.files.modelJson as string) },
      {
        name: 'weights.bin',
        mimeType: 'application/octet-stream',
        buffer: Buffer.from(c.files.weights[0] as ArrayBuffer),
      },
    ]);
    await expect(alert, name).toHaveText(c.expectedMessage);
    expect(await workerTensors(page), `${name} left tensors in the worker`).toBe(tensors);
  }

  // By URL. A manifest reaching out of its folder: nothing outside is requested.
  const requested: string[] = [];
  const withPaths = (paths: string[]) => {
    const group = (json['weightsManifest'] as object[])[0]!;
    return JSON.stringify({ ...json, weightsManifest: [{ ...group, paths }] });
  };
  await page.route('**/secret/**', (route) => {
    requested.push(route.request().url());
    return route.fulfill({ body: Buffer.from(weights) });
  });
  await page.route('**/hostile/traversal/model.json', (route) =>
    route.fulfill({ contentType: 'application/json', body: withPaths(['../../secret/weights.bin']) }),
  );
  // A gzip-bomb model.json as the page sees it: a small Content-Length (the compressed size of
  // 51 MB of spaces) and then the decoded bytes (route.fulfill hands them over as decoded).
  const bomb = Buffer.alloc(51 * 1024 * 1024, ' ');
  await page.route('**/hostile/bomb/model.json', (route) =>
    route.fulfill({
      headers: { 'content-encoding': 'gzip', 'content-length': String(gzipSync(bomb).length) },
      contentType: 'application/json',
      body: bomb,
    }),
  );
  const url = dialog.getByLabel('Or the URL of a model.json');
  await url.fill(new URL('hostile/traversal/model.json', page.url()).href);
  await dialog.getByRole('button', { name: 'Import from URL' }).click();
  await expect(alert).toHaveText(
    /^The weights manifest lists the file “\.\.\/\.\.\/secret\/weights\.bin”, which is not beside/,
  );
  await url.fill(new URL('hostile/bomb/model.json', page.url()).href);
  await dialog.getByRole('button', { name: 'Import from URL' }).click();
  await expect(alert).toHaveText(
    'model.json is over the limit of 50 MB: the server sent more than that, so the studio stopped reading it',
  );
  expect(requested).toEqual([]);
  expect(await workerTensors(page)).toBe(tensors);
  expect(await config(page)).toEqual(before);

  // The studio is not worse for it: it trains its own experiment to the end.
  await dialog.getByRole('button', { name: 'Close import' }).click();
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('status').first()).toContainText('Done', { timeout: 120_000 });
  expect(await readoutValue(page, 'Step')).toBe(40);
  expect(errors).toEqual([]);
});
