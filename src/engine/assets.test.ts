/** Download progress: the total against which loaded bytes are counted, with and without Content-Encoding. */
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { httpAssets, isContentEncoded, progressTotal, unpackedSize } from './assets';

describe('progress total', () => {
  it('uses Content-Length for a body read as stored', () => {
    expect(progressTotal(1000, 6_100_000, false)).toBe(6_100_000);
    expect(progressTotal(1000, 6_100_000, false, 11_000_000)).toBe(6_100_000);
    // No Content-Length: the count so far.
    expect(progressTotal(1000, 0, false)).toBe(1000);
  });
  it('ignores the packed Content-Length of a content-encoded body: the unpacked size, or the count', () => {
    expect(progressTotal(10_300_000, 6_100_000, true, 10_990_000)).toBe(10_990_000);
    expect(progressTotal(10_300_000, 6_100_000, true)).toBe(10_300_000);
    expect(progressTotal(100, 6_100_000, true)).toBe(100);
  });
  it('never reports more loaded than the total', () => {
    expect(progressTotal(7_000_000, 6_100_000, false)).toBe(7_000_000);
    expect(progressTotal(12_000_000, 6_100_000, true, 10_990_000)).toBe(12_000_000);
  });
  it('reads Content-Encoding and meta.json sizes', () => {
    expect(isContentEncoded(new Headers({ 'content-encoding': 'gzip' }))).toBe(true);
    expect(isContentEncoded(new Headers({ 'content-encoding': 'identity' }))).toBe(false);
    expect(isContentEncoded(new Headers())).toBe(false);
    const meta = { files: { 'a.gz': { bytes: 10, unpackedBytes: 40 }, 'b.gz': { bytes: 10 } } };
    expect(unpackedSize(meta, 'a.gz')).toBe(40);
    expect(unpackedSize(meta, 'b.gz')).toBeUndefined();
    expect(unpackedSize(undefined, 'a.gz')).toBeUndefined();
  });
});

describe('httpAssets progress', () => {
  afterEach(() => vi.unstubAllGlobals());
  const raw = new Uint8Array(300_000).map((_, i) => (i * 7) % 251);
  const gz = gzipSync(raw, { level: 9 });
  const serve = (body: Uint8Array, headers: Record<string, string>) =>
    vi.stubGlobal('fetch', async () => new Response(body as BodyInit, { headers }));
  const load = async (unpacked?: number) => {
    const calls: [number, number][] = [];
    const bytes = await httpAssets('http://localhost/').bytes('data/x.gz', (l, t) => calls.push([l, t]), unpacked);
    return { bytes, calls };
  };

  it('counts inflated bytes against the unpacked size when the server sends Content-Encoding: gzip', async () => {
    // What Vite's dev server does: the browser inflates, Content-Length is the packed size.
    serve(raw, { 'content-encoding': 'gzip', 'content-length': String(gz.length) });
    const { bytes, calls } = await load(raw.length);
    expect(bytes).toEqual(raw);
    expect(calls.at(-1)).toEqual([raw.length, raw.length]);
    expect(calls.every(([l, t]) => l <= t && t === raw.length)).toBe(true);
  });
  it('without a known unpacked size, never shows more loaded than the total', async () => {
    serve(raw, { 'content-encoding': 'gzip', 'content-length': String(gz.length) });
    const { calls } = await load();
    expect(calls.every(([l, t]) => l <= t)).toBe(true);
    expect(calls.at(-1)).toEqual([raw.length, raw.length]);
  });
  it('counts packed bytes against Content-Length when the file is sent as stored, then gunzips', async () => {
    serve(gz, { 'content-length': String(gz.length) });
    const { bytes, calls } = await load(raw.length);
    expect(bytes).toEqual(raw);
    expect(calls.at(-1)).toEqual([gz.length, gz.length]);
    expect(calls.every(([l, t]) => l <= t && t === gz.length)).toBe(true);
  });
});
