/**
 * A response body read with a running byte count, stopped as soon as it passes a limit.
 * `response.arrayBuffer()` reads everything before anyone can look at its size, and fetch
 * inflates Content-Encoding: gzip by itself, so a 3 MB gzip of zeros arrives as gigabytes:
 * only counting the decoded bytes as they come bounds what a hostile server can make us hold.
 */

/** The body is longer than the limit: `declared` when its Content-Length said so before reading. */
export class OverLimit extends Error {
  constructor(
    readonly limit: number,
    readonly declared: number | null,
  ) {
    super(`The response is longer than ${limit} bytes`);
    this.name = 'OverLimit';
  }
}

/**
 * The body of `response` (a buffer of exactly its bytes), at most `limit` bytes. A Content-Length over the limit refuses it
 * before a byte is read (for a compressed body it is the compressed size, which the decoded
 * one exceeds: still a refusal); otherwise the body is read chunk by chunk and, once past the
 * limit, cancelled and `abort` called (the request's AbortController), so the download stops.
 */
export async function readCapped(response: Response, limit: number, abort?: () => void): Promise<ArrayBuffer> {
  const stop = async (cancel: () => Promise<void>) => {
    await cancel().catch(() => undefined);
    abort?.();
  };
  const header = response.headers.get('content-length');
  const declared = header !== null && /^\d+$/.test(header.trim()) ? Number(header) : null;
  if (declared !== null && declared > limit) {
    await stop(async () => response.body?.cancel());
    throw new OverLimit(limit, declared);
  }
  if (!response.body) return new ArrayBuffer(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await stop(() => reader.cancel());
      throw new OverLimit(limit, null);
    }
    chunks.push(value);
  }
  const only = chunks.length === 1 ? chunks[0]! : undefined;
  if (only && only.byteOffset === 0 && only.byteLength === only.buffer.byteLength && only.buffer instanceof ArrayBuffer)
    return only.buffer;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out.buffer;
}
