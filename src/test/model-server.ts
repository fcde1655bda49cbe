/**
 * Test helper: a local HTTP server for URL imports, with files, endless zeros (optionally as a
 * gzip bomb: Content-Encoding gzip, made as it is sent) and a log of every request, and a
 * fetch that counts the decoded bytes a caller actually reads.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';

export type Route =
  | { body: string | Uint8Array; headers?: Record<string, string> }
  /** `bytes` zeros; `gzip`: sent compressed (a bomb); `length`: a Content-Length header. */
  | { zeros: number; gzip?: boolean; length?: boolean };

export interface ModelServer {
  /** The server's root, e.g. http://127.0.0.1:40123/ */
  url: string;
  /** Every path requested, in order. */
  requests: string[];
  /** Bytes written to the network per path (compressed ones for a gzip route). */
  sent: Map<string, number>;
  close(): Promise<void>;
}

async function* zeros(n: number): AsyncGenerator<Buffer> {
  const chunk = Buffer.alloc(64 * 1024);
  for (let left = n; left > 0; left -= chunk.length) yield left >= chunk.length ? chunk : chunk.subarray(0, left);
}

async function send(route: Route, res: ServerResponse, count: (n: number) => void): Promise<void> {
  if ('body' in route) {
    const body = typeof route.body === 'string' ? Buffer.from(route.body) : Buffer.from(route.body);
    res.writeHead(200, { 'content-length': String(body.length), ...route.headers });
    count(body.length);
    res.end(body);
    return;
  }
  res.writeHead(200, {
    'content-type': 'application/octet-stream',
    ...(route.gzip ? { 'content-encoding': 'gzip' } : {}),
    ...(route.length ? { 'content-length': String(route.zeros) } : {}),
  });
  const source = Readable.from(zeros(route.zeros));
  const counted = async function* (chunks: AsyncIterable<Buffer>) {
    for await (const c of chunks) {
      count(c.length);
      yield c;
    }
  };
  // A client that stops reading closes the socket: the pipeline then fails, which is expected.
  await (route.gzip ? pipeline(source, createGzip({ level: 1 }), counted, res) : pipeline(source, counted, res)).catch(
    () => undefined,
  );
}

export async function serveModels(routes: Record<string, Route>): Promise<ModelServer> {
  const requests: string[] = [];
  const sent = new Map<string, number>();
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push(path);
    const route = routes[path];
    if (!route) {
      res.writeHead(404).end('not found');
      return;
    }
    void send(route, res, (n) => sent.set(path, (sent.get(path) ?? 0) + n));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    sent,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/**
 * fetch, counting the decoded bytes read from each response body (what fetch hands on after
 * inflating gzip). A body read past `guard` bytes fails: a regression must fail the test, not
 * fill the machine's memory with a bomb.
 */
const realFetch = globalThis.fetch;

export function countingFetch(guard = 400 * 1024 * 1024) {
  const read = new Map<string, number>();
  const fetchCounting = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    // The real fetch: the counting one is what tests stub as the global.
    const res = await realFetch(input, init);
    const path = new URL(res.url).pathname;
    read.set(path, 0);
    if (!res.body) return res;
    const counter = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        const n = (read.get(path) ?? 0) + chunk.length;
        read.set(path, n);
        if (n > guard) controller.error(new Error(`read over ${guard} bytes of ${path}`));
        else controller.enqueue(chunk);
      },
    });
    return new Response(res.body.pipeThrough(counter), { status: res.status, headers: res.headers });
  };
  return { fetch: fetchCounting, read };
}
