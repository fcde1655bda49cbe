/**
 * How the page knows its training worker is alive. A worker that ends (self.close(), a crash,
 * a fatal error) sends nothing and fires nothing at the page, so the page watches three ways:
 *
 * - The worker holds a Web Lock for its whole life (studio.worker.ts); the page queues for the
 *   same lock, which it is granted the moment the worker is gone (measured: 3 ms after
 *   `close()`). Unlike a heartbeat this never mistakes a long synchronous step for a death.
 * - Where Web Locks are missing, a heartbeat: the worker posts a beat every HEARTBEAT_MS, and
 *   silence for SILENCE_MS counts as gone (a step that holds the worker longer would count too,
 *   which is why the lock comes first).
 * - `error` (an exception nothing caught in the worker) and `messageerror` events.
 *
 * A worker that fills its memory takes the whole page with it in Chromium (measured): that case
 * is the autosave's (state/autosave.ts) and the interrupted-run offer's after the reload.
 */
import type { WorkerLoss } from './protocol';

export const HEARTBEAT_MS = 500;
/** Silence this long counts as gone: at most SILENCE_MS + SILENCE_CHECK_MS after the last beat. */
export const SILENCE_MS = 1500;
const SILENCE_CHECK_MS = 250;

export interface ConnectOptions {
  /** The Web Lock the worker holds for its life (none: the page relies on the heartbeat). */
  lifeLock?: string;
  /** Test hooks (`debug`) answer only with this set (state/test-hooks.ts). */
  testHooks?: boolean;
}

export interface Heartbeat {
  kdHeartbeat: number;
}

const isHeartbeat = (data: unknown): data is Heartbeat =>
  typeof data === 'object' && data !== null && 'kdHeartbeat' in data;

export interface WorkerWatch {
  /** The worker's `connect` resolved, holding its life lock or not: from now on its end is noticed. */
  connected(holdsLock: boolean): void;
  /** Stops watching (before the page ends the worker itself). */
  stop(): void;
}

/** Calls `onLost` once, when `worker` is gone; `lifeLock` as given to the worker's connect. */
export function watchWorker(
  worker: Worker,
  lifeLock: string | undefined,
  onLost: (cause: WorkerLoss, detail?: string) => void,
): WorkerWatch {
  let done = false;
  const abort = new AbortController();
  let silence: ReturnType<typeof setInterval> | undefined;
  let lastBeat = performance.now();
  const lost = (cause: WorkerLoss, detail?: string) => {
    if (done) return;
    watch.stop();
    onLost(cause, detail);
  };
  const onMessage = (e: MessageEvent) => {
    if (isHeartbeat(e.data)) lastBeat = performance.now();
  };
  const onError = (e: ErrorEvent) => {
    e.preventDefault();
    lost('error', e.message);
  };
  const onMessageError = () => lost('error', 'a message from the worker could not be read');
  worker.addEventListener('message', onMessage);
  worker.addEventListener('error', onError);
  worker.addEventListener('messageerror', onMessageError);
  const watch: WorkerWatch = {
    connected(holdsLock) {
      if (done) return;
      if (holdsLock && lifeLock && navigator.locks) {
        navigator.locks.request(lifeLock, { signal: abort.signal }, async () => lost('ended')).catch(() => undefined); // aborted: the page ended the worker itself
      } else {
        lastBeat = performance.now();
        silence = setInterval(() => {
          if (performance.now() - lastBeat > SILENCE_MS) lost('silent');
        }, SILENCE_CHECK_MS);
      }
    },
    stop() {
      done = true;
      abort.abort();
      clearInterval(silence);
      worker.removeEventListener('message', onMessage);
      worker.removeEventListener('error', onError);
      worker.removeEventListener('messageerror', onMessageError);
    },
  };
  return watch;
}
