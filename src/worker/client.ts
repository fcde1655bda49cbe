/**
 * Main-thread handle on the training worker. The worker module (and tfjs with it) loads in
 * its own chunk, so the page paints before tfjs arrives. The handle watches the worker's life
 * (liveness.ts): when it is gone, `onLost` is told once and every call still waiting on it
 * fails with WorkerGone instead of waiting for ever.
 */
import * as Comlink from 'comlink';
import { watchWorker, type ConnectOptions } from './liveness';
import type { EngineEvent, WorkerLoss } from './protocol';
import type { WorkerApi } from './studio.worker';

export interface StudioClient {
  api: Comlink.Remote<WorkerApi>;
  /** Settles `call` as the worker answers it, or rejects it with WorkerGone if the worker goes first. */
  guard<T>(call: Promise<T>): Promise<T>;
  terminate(): void;
}

/** A call the worker will never answer: it is gone. */
export class WorkerGone extends Error {
  constructor() {
    super('The training worker is gone');
    this.name = 'WorkerGone';
  }
}

export function startWorker(
  onEvent: (e: EngineEvent) => void,
  onLost: (cause: WorkerLoss, detail?: string) => void,
  options: Pick<ConnectOptions, 'testHooks'> = {},
): StudioClient {
  const worker = new Worker(new URL('./studio.worker.ts', import.meta.url), {
    type: 'module',
    name: 'kd-studio-trainer',
  });
  let markGone: () => void = () => undefined;
  const gone = new Promise<never>((_, reject) => (markGone = () => reject(new WorkerGone())));
  gone.catch(() => undefined);
  const lifeLock = `kd-studio-worker-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const watch = watchWorker(worker, lifeLock, (cause, detail) => {
    markGone();
    onLost(cause, detail);
  });
  const api = Comlink.wrap<WorkerApi>(worker);
  // Relative to the page, so the studio also works from a sub-path (base: './').
  void api
    .connect(Comlink.proxy(onEvent), new URL('./', document.baseURI).href, { ...options, lifeLock })
    .then((holdsLock) => watch.connected(holdsLock));
  return {
    api,
    guard: (call) => Promise.race([call, gone]),
    terminate: () => {
      watch.stop();
      markGone();
      worker.terminate();
    },
  };
}
