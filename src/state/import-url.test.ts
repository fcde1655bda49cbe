/**
 * Import from a URL against a real local server and Node's fetch (which, as a browser's,
 * inflates Content-Encoding: gzip by itself): what is requested, how much is read before a
 * refusal, and that a model saved by tfjs's own browser download imports.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { BASE_EXPECT, validModelFiles } from '../engine/model-io/fixtures';
import { importLayersModel } from '../engine/model-io/load';
import { countingFetch, serveModels, type ModelServer, type Route } from '../test/model-server';
import { tf, useCpu } from '../test/tf';
import { fromUrl } from './import-url';

const MB = 1024 * 1024;
const routes: Record<string, Route> = {};
let server: ModelServer;
let counting: ReturnType<typeof countingFetch>;
let weightBytes = 0;

beforeAll(async () => {
  await useCpu();
  const { json, weights } = await validModelFiles();
  weightBytes = weights.byteLength;
  const group = (json['weightsManifest'] as Record<string, unknown>[])[0]!;
  const withPaths = (paths: string[]) => JSON.stringify({ ...json, weightsManifest: [{ ...group, paths }] });
  server = await serveModels(routes);
  const elsewhere = server.url.replace('127.0.0.1', 'localhost');
  Object.assign(routes, {
    // As tfjs's model.save('downloads://model') writes it.
    '/zoo/saved/model.json': { body: withPaths(['./model.weights.bin']) },
    '/zoo/saved/model.weights.bin': { body: new Uint8Array(weights) },
    '/zoo/traversal/model.json': { body: withPaths(['../../secret/weights.bin']) },
    '/zoo/rooted/model.json': { body: withPaths(['/secret/weights.bin']) },
    '/zoo/encoded/model.json': { body: withPaths(['%2e%2e']) },
    '/zoo/elsewhere/model.json': { body: withPaths([`${elsewhere}secret/weights.bin`]) },
    '/secret/weights.bin': { body: new Uint8Array(weights) },
    '/zoo/many/model.json': { body: withPaths(Array.from({ length: 64 }, (_, i) => `shard${i}.bin`)) },
    // A 3 MB gzip of 3.2 GB of zeros, sent as model.json and as a weight file.
    '/zoo/bomb/model.json': { zeros: 3.2e9, gzip: true },
    '/zoo/bomb-bin/model.json': { body: withPaths(['weights.bin']) },
    '/zoo/bomb-bin/weights.bin': { zeros: 3.2e9, gzip: true },
    '/zoo/big-bin/model.json': { body: withPaths(['weights.bin']) },
    '/zoo/big-bin/weights.bin': { zeros: 200 * MB, length: true },
    '/zoo/big-stream/model.json': { body: withPaths(['weights.bin']) },
    '/zoo/big-stream/weights.bin': { zeros: 200 * MB },
    '/zoo/not-json/model.json': { body: '<html>Sign in to continue</html>' },
  } satisfies Record<string, Route>);
  vi.stubGlobal('location', new URL(server.url));
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.stubGlobal('location', new URL(server.url));
});
afterAll(async () => {
  vi.unstubAllGlobals();
  await server.close();
});

/** Imports from `path` with a fetch that counts what is read; the refusal's message, or 'imported'. */
async function tryUrl(path: string): Promise<string> {
  counting = countingFetch();
  server.requests.length = 0;
  vi.stubGlobal('fetch', counting.fetch);
  try {
    await fromUrl(`${server.url}${path}`);
    return 'fetched';
  } catch (e) {
    return (e as Error).message;
  }
}

describe('import from a URL', () => {
  it('imports a model saved by tfjs’s browser download, whose manifest says ./model.weights.bin', async () => {
    const picked = await fromUrl(`${server.url}zoo/saved/model.json`);
    expect(picked.weights.map((w) => w.name)).toEqual(['model.weights.bin']);
    const { model } = await importLayersModel(picked, BASE_EXPECT);
    model.dispose();
    expect(tf.memory().numTensors).toBe(0);
  });

  it('requests no file outside the model’s folder: no parent, no root path, no other origin', async () => {
    for (const folder of ['traversal', 'rooted', 'encoded', 'elsewhere']) {
      expect(await tryUrl(`zoo/${folder}/model.json`), folder).toMatch(
        /^The weights manifest lists the file “.*”, which is not beside model\.json: /,
      );
      expect(server.requests, folder).toEqual([`/zoo/${folder}/model.json`]);
    }
  });

  it('counts the weight files before requesting any', async () => {
    expect(await tryUrl('zoo/many/model.json')).toMatch(/^The weights manifest lists more than 32 weight files/);
    expect(server.requests).toEqual(['/zoo/many/model.json']);
  });

  it('stops reading a gzip-bomb model.json as soon as it passes the limit', async () => {
    expect(await tryUrl('zoo/bomb/model.json')).toBe(
      'model.json is over the limit of 50 MB: the server sent more than that, so the studio stopped reading it',
    );
    const read = counting.read.get('/zoo/bomb/model.json')!;
    expect(read).toBeGreaterThan(50 * MB);
    expect(read).toBeLessThan(51 * MB);
    console.info(`gzip-bomb model.json: ${read} bytes read, ${server.sent.get('/zoo/bomb/model.json')} sent`);
  });

  it('stops reading a gzip-bomb weight file just past the bytes its manifest declares', async () => {
    expect(await tryUrl('zoo/bomb-bin/model.json')).toMatch(
      new RegExp(`^weights\\.bin is too long: the manifest needs ${weightBytes} bytes, and the server sent more`),
    );
    const read = counting.read.get('/zoo/bomb-bin/weights.bin')!;
    expect(read).toBeLessThan(MB);
    console.info(`gzip-bomb weights.bin: ${read} bytes read, ${server.sent.get('/zoo/bomb-bin/weights.bin')} sent`);
  });

  it('refuses a 200 MB weight file by its Content-Length, and without one while reading', async () => {
    expect(await tryUrl('zoo/big-bin/model.json')).toMatch(
      new RegExp(`^weights\\.bin is 200 MB \\(the server says so\\), but the manifest needs ${weightBytes} bytes`),
    );
    expect(counting.read.get('/zoo/big-bin/weights.bin')).toBe(0);
    expect(await tryUrl('zoo/big-stream/model.json')).toMatch(/^weights\.bin is too long: /);
    expect(counting.read.get('/zoo/big-stream/weights.bin')).toBeLessThan(MB);
  });

  it('explains a model.json that is not JSON without fetching anything else', async () => {
    expect(await tryUrl('zoo/not-json/model.json')).toMatch(/^model\.json is not valid JSON: /);
    expect(server.requests).toEqual(['/zoo/not-json/model.json']);
    expect(await tryUrl('zoo/missing/model.json')).toMatch(
      /^Could not fetch http:\/\/127\.0\.0\.1:\d+\/zoo\/missing\/model\.json: HTTP 404\.$/,
    );
    await expect(fromUrl('file:///etc/passwd')).rejects.toThrow(
      'KD Studio imports from http:// and https:// addresses only, and “file:///etc/passwd” is not one.',
    );
  });
});
