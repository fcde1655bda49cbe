/** The speed the metrics batches carry: steps since the last batch over the time since it. */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Session } from '../engine/session';
import { useCpu } from '../test/tf';
import { MetricsOutbox } from './metrics-outbox';
import type { EngineEvent, MetricsBatch } from './protocol';

beforeAll(useCpu);
afterEach(() => vi.restoreAllMocks());

describe('MetricsOutbox speed', () => {
  it('reports a step that took 10 s as 0.1 steps/s, not 0 (a generated text step on WASM)', () => {
    let now = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => now);
    const sent: MetricsBatch[] = [];
    const outbox = new MetricsOutbox((e: EngineEvent) => {
      if (e.type === 'metrics') sent.push(e.batch);
    });
    const session = { step: 0, lossColumns: [] } as unknown as Session & { step: number };
    outbox.restartClock(0);
    for (const at of [10_000, 20_000, 32_500]) {
      now = at;
      session.step++;
      outbox.push({ columns: [], steps: [session.step], losses: new Float32Array(0), evals: [] });
      outbox.post(session, 0);
    }
    expect(sent.map((b) => b.stepsPerSecond)).toEqual([0.1, 0.1, 0.08]);
  });
});
