/**
 * Main-thread handle on the sweep worker (sweep.worker.ts), started for a sweep and ended with
 * it, so its tensors and backend go when the sweep does.
 */
import * as Comlink from 'comlink';
import type { ExperimentConfig } from '../config/schema';
import type { SweepSpec } from '../sweeps/types';
import type { SweepAnswer, SweepProgress } from './sweep-protocol';
import type { SweepWorkerApi } from './sweep.worker';

export interface SweepHandle {
  answer: Promise<SweepAnswer>;
  cancel(): void;
}

export function startSweep(
  spec: SweepSpec,
  base: ExperimentConfig,
  onProgress: (p: SweepProgress) => void,
): SweepHandle {
  const worker = new Worker(new URL('./sweep.worker.ts', import.meta.url), { type: 'module', name: 'kd-studio-sweep' });
  const api = Comlink.wrap<SweepWorkerApi>(worker);
  let lost: (a: SweepAnswer) => void = () => undefined;
  const gone = new Promise<SweepAnswer>((resolve) => (lost = resolve));
  worker.addEventListener('error', () => lost({ ok: false, error: 'The sweep’s worker failed to start or crashed.' }));
  const baseUrl = new URL('./', document.baseURI).href;
  const answer = Promise.race([api.run(spec, base, baseUrl, Comlink.proxy(onProgress)), gone])
    .catch((e: unknown) => ({
      ok: false as const,
      error: `The sweep stopped: ${e instanceof Error ? e.message : String(e)}`,
    }))
    .finally(() => worker.terminate());
  return { answer, cancel: () => void api.cancel() };
}
