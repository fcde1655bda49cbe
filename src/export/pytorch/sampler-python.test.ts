/**
 * The sampler port (project/kd/rng.py, kd/sampler.py) draws exactly what the studio draws: the
 * same sfc32 streams, shuffles, data-budget batches and text windows, for several seeds.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createRng, hash32 } from '../../lib/rng';
import { BatchPlanner } from '../../engine/batches';
import { corpusWindows, sourceOf } from '../../tasks/text/engine/batches';
import { runPython } from './python';

const PROJECT = fileURLToPath(new URL('./project/', import.meta.url));

const SCRIPT = String.raw`
import json, sys
import numpy as np
from kd.rng import create_rng, hash32
from kd.sampler import BatchPlanner, corpus_window_starts, source_of
out = {}
out["hash"] = [hash32(s, l) for s, l in [(0, ""), (42, "student"), (4294967295, "b"), (7, "é∑")]]
out["streams"] = []
for seed in [0, 1, 42, 123456789]:
    r = create_rng(seed, "sampler:student")
    out["streams"].append([r.next_u32() for _ in range(5)] + [r.int(1000) for _ in range(5)] + [r.next() for _ in range(3)])
    f = r.fork("x")
    out["streams"].append([f.next_u32() for _ in range(3)])
out["plans"] = []
for seed, nl, nt in [(42, 90, 810), (7, 630, 0), (3, 5, 200)]:
    p = BatchPlanner(np.arange(nl) * 2, np.arange(nt) * 2 + 1, seed)
    out["plans"].append([p.next(64) for _ in range(30)])
out["windows"] = [corpus_window_starts(100000, 8, 64, 42, s) for s in range(5)] + [corpus_window_starts(5000, 32, 64, 9, 3, "teacher-windows")]
out["sources"] = [source_of(0.5, True, 42, s) for s in range(40)]
json.dump(out, sys.stdout)
`;

describe('the sampler port (Python)', () => {
  it('draws the studio’s streams, batches and windows', () => {
    const py = JSON.parse(runPython(['-c', SCRIPT], PROJECT)) as Record<string, unknown>;
    expect(py.hash).toEqual([hash32(0, ''), hash32(42, 'student'), hash32(4294967295, 'b'), hash32(7, 'é∑')]);
    const streams: number[][] = [];
    for (const seed of [0, 1, 42, 123456789]) {
      const r = createRng(seed, 'sampler:student');
      // next_u32 is not public in TS: int(2**32) is the raw output.
      const raw = () => r.int(4294967296);
      streams.push([
        ...Array.from({ length: 5 }, raw),
        ...Array.from({ length: 5 }, () => r.int(1000)),
        ...Array.from({ length: 3 }, () => r.next()),
      ]);
      const f = r.fork('x');
      streams.push(Array.from({ length: 3 }, () => f.int(4294967296)));
    }
    expect(py.streams).toEqual(streams);
    const plans = [
      [42, 90, 810],
      [7, 630, 0],
      [3, 5, 200],
    ].map(([seed, nl, nt]) => {
      const p = new BatchPlanner(
        Int32Array.from({ length: nl! }, (_, i) => i * 2),
        Int32Array.from({ length: nt! }, (_, i) => i * 2 + 1),
        seed!,
      );
      return Array.from({ length: 30 }, () => {
        const b = p.next(64);
        return [Array.from(b.labelled), Array.from(b.transfer)];
      });
    });
    expect(py.plans).toEqual(plans);
    // The window starts: corpusWindows' first row of x is ids[start], so an identity corpus shows them.
    const ids = (n: number) => Int32Array.from({ length: n }, (_, i) => i);
    const starts = (n: number, rows: number, seed: number, step: number, purpose?: string) => {
      const { x } = corpusWindows(ids(n), n, rows, 64, seed, step, purpose);
      return Array.from({ length: rows }, (_, r) => x[r * 64]!);
    };
    expect(py.windows).toEqual([
      ...Array.from({ length: 5 }, (_, s) => starts(100000, 8, 42, s)),
      starts(5000, 32, 9, 3, 'teacher-windows'),
    ]);
    const task = { onPolicy: 0.5, sequenceKd: true } as Parameters<typeof sourceOf>[0];
    expect(py.sources).toEqual(Array.from({ length: 40 }, (_, s) => sourceOf(task, 42, s)));
    // The test checked something real: a data-budget batch has both parts.
    expect(plans[0]![0]![1]!.length).toBeGreaterThan(0);
    expect(createRng(1).next()).not.toBe(createRng(2).next());
  });
});
