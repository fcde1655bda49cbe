/**
 * Main-thread handle on the training worker. The worker module (and tfjs with it) loads in
 * its own chunk, so the page paints before tfjs arrives.
 */
import * as Comlink from 'comlink';
import type { EngineEvent } from './protocol';
import type { WorkerApi } from './studio.worker';

export interface StudioClient {
  api: Comlink.Remote<WorkerApi>;
  terminate(): void;
}

export function startWorker(onEvent: (e: EngineEvent) => void): StudioClient {
  const worker = new Worker(new URL('./studio.worker.ts', import.meta.url), {
    type: 'module',
    name: 'kd-studio-trainer',
  });
  const api = Comlink.wrap<WorkerApi>(worker);
  // Relative to the page, so the studio also works from a sub-path (base: './').
  void api.connect(Comlink.proxy(onEvent), new URL('./', document.baseURI).href);
  return { api, terminate: () => worker.terminate() };
}
