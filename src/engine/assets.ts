/**
 * Where the engine gets shipped files (data sets, pretrained models) from. In the browser
 * that is the app's own server (never the network beyond it); in Node tests it is public/ on
 * disk. Both decompress `.gz` files and report progress.
 */
export interface Assets {
  /** The bytes of a file under public/, gunzipped if its name ends in `.gz`. */
  bytes(path: string, onProgress?: (loaded: number, total: number) => void): Promise<Uint8Array>;
  json<T>(path: string): Promise<T>;
}

export const isGzip = (b: Uint8Array): boolean => b.length > 2 && b[0] === 0x1f && b[1] === 0x8b;

async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Reads a response body in chunks, so large files report progress. */
async function readWithProgress(
  res: Response,
  onProgress?: (loaded: number, total: number) => void,
): Promise<Uint8Array> {
  const total = Number(res.headers.get('content-length') ?? 0);
  if (!res.body || !onProgress) return new Uint8Array(await res.arrayBuffer());
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.length;
    onProgress(loaded, total || loaded);
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
    async bytes(path, onProgress) {
      const raw = await readWithProgress(await get(path), onProgress);
      // Some servers (Vite's among them) send .gz files with Content-Encoding: gzip, and the
      // browser has already inflated them: only gunzip what still starts with gzip's magic bytes.
      return path.endsWith('.gz') && isGzip(raw) ? gunzip(raw) : raw;
    },
    async json<T>(path: string) {
      return (await (await get(path)).json()) as T;
    },
  };
}
