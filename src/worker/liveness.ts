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
export const SILENCE_CHECK_MS = 250;

export interface ConnectOptions {
  /** The Web Lock the worker holds for its life (none: the page relies on the heartbeat). */
  lifeLock?: string;
  /** Test hooks (`debug`) answer only with this set (state/test-hooks.ts). */
  testHooks?: boolean;
}

export interface Heartbeat {
  kdHeartbeat: number;
}

/**
 * Whether the heartbeat's silence means the worker is gone, judged at `now` by a check that
 * last ran at `lastCheck`. A check that itself ran late means the page was held (a long task,
 * a loaded machine): the beats that came meanwhile wait behind it in the page's queue, so its
 * silence proves nothing, and replacing a live worker loses its run's last seconds. (In one
 * full test run at load 9 the heartbeat test's run never reached step 100; the cause was not
 * captured, and a stalled page is one way a live worker was counted as dead.)
 */
export function silenceMeansGone(now: number, lastBeat: number, lastCheck: number): boolean {
  const pageHeld = now - lastCheck > 2 * SILENCE_CHECK_MS;
  return !pageHeld && now - lastBeat > SILENCE_MS;
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
        let lastCheck = lastBeat;
        silence = setInterval(() => {
          const now = performance.now();
          if (silenceMeansGone(now, lastBeat, lastCheck)) lost('silent');
          lastCheck = now;
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
