/// <reference lib="webworker" />
/**
 * The sweep's own Web Worker: a sweep trains many short runs, so it runs beside the studio's
 * worker rather than in its queue, and the studio's run stays as it was. The same engine, the
 * same backend choice (backend-keeper.ts), the same shipped files. This file only wires messages.
 */
import * as Comlink from 'comlink';
import * as tf from '@tensorflow/tfjs';
import { validateConfig, type ExperimentConfig } from '../config/schema';
import { httpAssets } from '../engine/assets';
import { workloadOf } from '../engine/workload';
import { specProblem } from '../sweeps/grid';
import type { SweepSpec } from '../sweeps/types';
import './backends';
import { BackendKeeper } from './backend-keeper';
import { modelSignature } from './backend-memory';
import { errorText } from './error-reason';
import { runSweep, SweepCancelled, type SweepProgress } from './sweep-runner';
import type { SweepAnswer } from './sweep-protocol';

let cancelled = false;
const keeper = new BackendKeeper(
  () => undefined,
  () => (cancelled = true),
);

export interface SweepWorkerApi {
  run(
    spec: SweepSpec,
    base: ExperimentConfig,
    baseUrl: string,
    onProgress: (p: SweepProgress) => void,
  ): Promise<SweepAnswer>;
  cancel(): void;
}

const api: SweepWorkerApi = {
  async run(spec, base, baseUrl, onProgress) {
    cancelled = false;
    const problem = specProblem(spec);
    if (problem) return { ok: false, error: problem };
    const v = validateConfig(base);
    if (!v.ok) return { ok: false, error: v.errors.map((e) => e.message).join('; ') };
    const t0 = performance.now();
    const workload = workloadOf(v.config);
    // An imported model's files live in the studio's worker (and History), not in this one.
    if (workload.teacherMissing || workload.studentMissing)
      return {
        ok: false,
        error:
          'A sweep cannot run an imported model yet: its files are held by the studio, not by the sweep. Sweep an experiment whose teacher and student are built here.',
      };
    try {
      await keeper.ensure(v.config.backend, workload, { signature: modelSignature(v.config) });
      const points = await runSweep(spec, v.config, {
        assets: httpAssets(baseUrl),
        cancelled: () => cancelled,
        onProgress: (p) => onProgress(p),
      });
      return { ok: true, points, complete: true, backend: tf.getBackend(), ms: performance.now() - t0 };
    } catch (e) {
      if (e instanceof SweepCancelled || cancelled)
        return { ok: false, cancelled: true, error: 'Cancelled.', backend: tf.getBackend() };
      return { ok: false, error: `The sweep stopped: ${errorText(e)}` };
    }
  },
  cancel() {
    cancelled = true;
  },
};

Comlink.expose(api);
