/**
 * Where the engine gets shipped files (data sets, pretrained models) from. In the browser
 * that is the app's own server (never the network beyond it); in Node tests it is public/ on
 * disk. Both decompress `.gz` files and report progress.
 */
export interface Assets {
  /**
   * The bytes of a file under public/, gunzipped if its name ends in `.gz`. `unpackedBytes`,
   * the file's size once gunzipped (from its data set's meta.json), is the progress total when
   * the server sends the file content-encoded (the browser then counts inflated bytes).
   */
  bytes(
    path: string,
    onProgress?: (loaded: number, total: number) => void,
    unpackedBytes?: number,
  ): Promise<Uint8Array>;
  json<T>(path: string): Promise<T>;
}

/** What a data set's meta.json says about its files (written by the scripts in scripts/). */
export interface FilesMeta {
  files?: Record<string, { bytes?: number; unpackedBytes?: number } | undefined>;
}

/** A shipped file's size once gunzipped, from its data set's meta.json (if it says). */
export function unpackedSize(meta: FilesMeta | undefined, file: string): number | undefined {
  const n = meta?.files?.[file]?.unpackedBytes;
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : undefined;
}

/**
 * The total to report progress against after `loaded` bytes of a response body. Without
 * Content-Encoding the body is the file as stored and Content-Length is its size. With it
 * (Vite's dev server sends .gz files with Content-Encoding: gzip), the browser hands over
 * inflated bytes while Content-Length is the packed size: then the total is the unpacked size
 * when known, else the count so far (never "10.3 of 6.1 MB"). The total is never below the
 * count.
 */
export function progressTotal(
  loaded: number,
  contentLength: number,
  contentEncoded: boolean,
  unpackedBytes?: number,
): number {
  const expected = contentEncoded ? (unpackedBytes ?? 0) : contentLength;
  return Math.max(loaded, expected > 0 ? expected : 0);
}

/** Whether a response's body is content-encoded (so the bytes read are not Content-Length's). */
export const isContentEncoded = (headers: Headers): boolean => {
  const enc = headers.get('content-encoding')?.trim().toLowerCase();
  return !!enc && enc !== 'identity';
};

export const isGzip = (b: Uint8Array): boolean => b.length > 2 && b[0] === 0x1f && b[1] === 0x8b;

async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Reads a response body in chunks, so large files report progress. */
async function readWithProgress(
  res: Response,
  onProgress?: (loaded: number, total: number) => void,
  unpackedBytes?: number,
): Promise<Uint8Array> {
  const length = Number(res.headers.get('content-length') ?? 0) || 0;
  const encoded = isContentEncoded(res.headers);
  if (!res.body || !onProgress) return new Uint8Array(await res.arrayBuffer());
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.length;
    onProgress(loaded, progressTotal(loaded, length, encoded, unpackedBytes));
  }
  const out = new Uint8Array(loaded);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.length;
  }
  return out;
}

/** Assets served next to the app: `baseUrl` is the page's base (e.g. "http://localhost:5173/"). */
export function httpAssets(baseUrl: string): Assets {
  const url = (path: string) => new URL(path, baseUrl).href;
  const get = async (path: string) => {
    const res = await fetch(url(path));
    if (!res.ok) throw new Error(`Could not load ${path}: HTTP ${res.status}`);
    return res;
  };
  return {
    async bytes(path, onProgress, unpackedBytes) {
      const raw = await readWithProgress(await get(path), onProgress, unpackedBytes);
      // Some servers (Vite's among them) send .gz files with Content-Encoding: gzip, and the
      // browser has already inflated them: only gunzip what still starts with gzip's magic bytes.
      return path.endsWith('.gz') && isGzip(raw) ? gunzip(raw) : raw;
    },
    async json<T>(path: string) {
      return (await (await get(path)).json()) as T;
    },
  };
}
