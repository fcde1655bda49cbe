/// <reference lib="webworker" />
/**
 * Runs every benchmark in a Worker, as the studio trains: each backend in turn, cases side
 * by side. Results go back to the page (and from there to `npm run bench`).
 */
import * as tf from '@tensorflow/tfjs';
import '../src/worker/backends';
import { BACKEND_ORDER, selectBackend, type Workload } from '../src/engine/backend';
import { workloadOf } from '../src/worker/controller';
import { sideBySide } from './harness';
import { benchConfig, minimalCase, studioCase } from './kd-step.bench';

export interface BackendRow {
  backend: string;
  adapter: string;
  software: boolean;
  results: { name: string; perSecond: number }[];
  note?: string;
}

export interface BenchReport {
  rows: BackendRow[];
  auto: { chosen: string; reason: string };
  userAgent: string;
}

const post = (msg: unknown) => (self as unknown as Worker).postMessage(msg);
const log = (text: string) => post({ type: 'log', text });

async function main(only: string[] | null): Promise<void> {
  // The distillation step alone (held-out evaluation pushed out of the timed window), and the
  // loop as the studio runs it by default (evaluation every 10 steps), against the same minimal loop.
  const cfg = benchConfig({ evalEvery: 1000 });
  const withEval = benchConfig({ evalEvery: 10 });
  const TICK = 10; // steps between read-backs, as the studio's default "steps per frame" range
  const workload: Workload = workloadOf(cfg, 3);
  const rows: BackendRow[] = [];
  for (const name of BACKEND_ORDER) {
    if (only && !only.includes(name)) continue;
    const info = await selectBackend(name, workload);
    if (info.name !== name) {
      rows.push({ backend: name, adapter: '-', software: false, results: [], note: info.reason });
      log(`${name}: skipped (${info.reason})`);
      continue;
    }
    log(`${name}: ${info.adapter}${info.software ? ' (software)' : ''}`);
    const slow = info.software && name === 'webgpu';
    const cases = {
      studio: await studioCase(cfg, TICK),
      minimal: await minimalCase(cfg, TICK),
      'studio + eval': await studioCase(withEval, TICK),
    };
    const before = tf.memory().numTensors;
    const measured = await sideBySide(cases, { rounds: slow ? 3 : 9, minMs: slow ? 1500 : 700 });
    Object.values(cases).forEach((c) => c.dispose());
    rows.push({ backend: name, adapter: info.adapter, software: info.software, results: measured });
    log(
      `${name}: ${measured.map((m) => `${m.name} ${m.perSecond.toFixed(1)} steps/s`).join(', ')} (tensors ${before} → ${tf.memory().numTensors})`,
    );
  }
  const auto = await selectBackend('auto', workload);
  post({
    type: 'done',
    report: {
      rows,
      auto: { chosen: auto.name, reason: auto.reason },
      userAgent: navigator.userAgent,
    } satisfies BenchReport,
  });
}

self.onmessage = (e: MessageEvent<{ backends: string[] | null }>) => {
  main(e.data.backends).catch((err: unknown) => post({ type: 'error', text: String((err as Error).stack ?? err) }));
};
