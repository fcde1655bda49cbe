/** Test helper: the Assets the engine reads, served from public/ on disk. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Assets } from '../engine/assets';

const PUBLIC = join(import.meta.dirname, '../../public');

export const fsAssets: Assets = {
  async bytes(path, onProgress) {
    const raw = readFileSync(join(PUBLIC, path));
    onProgress?.(raw.length, raw.length);
    return new Uint8Array(path.endsWith('.gz') ? gunzipSync(raw) : raw);
  },
  async json<T>(path: string) {
    return JSON.parse(readFileSync(join(PUBLIC, path), 'utf8')) as T;
  },
};
