import { describe, expect, it } from 'vitest';
import { laneColumn } from '../../lib/columns';
import { hackingLanes, logSpacedIndices } from './hacking';

function rows(steps: number[], cols: Record<string, number[]>) {
  return { steps, column: (name: string) => cols[name] };
}

describe('hackingLanes', () => {
  const steps = [0, 10, 20, 40, 80, 160, 320, 640, 1280, 2560, 5120, 10240];
  // Pool lane: the proxy falls as a power law while the golden distance turns up after step 80.
  const proxy = steps.map((s) => (s ? 2 * s ** -0.7 : 5));
  const golden = [5, 1, 0.7, 0.5, 0.4, 0.35, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8];
  const fresh = steps.map((s) => (s ? 1.5 * s ** -0.4 : 5));
  const cols = {
    [laneColumn(0, 'poolKl')]: proxy,
    [laneColumn(0, 'kl')]: proxy.map((v) => v * 3),
    [laneColumn(0, 'golden')]: golden,
    [laneColumn(1, 'kl')]: fresh,
    [laneColumn(1, 'poolKl')]: fresh.map(() => 9),
    [laneColumn(1, 'golden')]: fresh.map((v) => v + 0.1),
  };

  it('reads the pool lane’s proxy on its pool and the fresh lane’s on the held-out set', () => {
    const [pool, freshLane] = hackingLanes(rows(steps, cols), ['pool', 'fresh']);
    expect(pool!.steps).toEqual(steps.slice(1));
    expect(pool!.proxy).toEqual(proxy.slice(1));
    expect(freshLane!.proxy).toEqual(fresh.slice(1));
    expect(pool!.proxyFit!.slope).toBeCloseTo(-0.7, 10);
    expect(freshLane!.proxyFit!.slope).toBeCloseTo(-0.4, 10);
  });

  it('finds where the pool lane’s golden distance turned up, and the proxy there', () => {
    const [pool, freshLane] = hackingLanes(rows(steps, cols), ['pool', 'fresh']);
    // Evaluated at doubling steps, each running median is over the last three: 0.35 at step 320, 0.7 at the end.
    expect(pool!.turned).toMatchObject({ step: 320, min: 0.35, peakStep: 10240, peak: 0.7, latest: 0.7 });
    expect(pool!.turned!.rise).toBeCloseTo(1, 12);
    expect(pool!.proxyAtTurn).toBeCloseTo(2 * 320 ** -0.7, 12);
    expect(pool!.proxyAtPeak).toBeCloseTo(2 * 10240 ** -0.7, 12);
    expect(freshLane!.turned).toBeNull();
  });

  it('gives a lane with no columns yet empty curves', () => {
    const [lane] = hackingLanes(rows([0], {}), ['pool']);
    expect(lane!.steps).toEqual([]);
    expect(lane!.proxyFit).toBeNull();
  });
});

describe('logSpacedIndices', () => {
  it('keeps every row when there are few, else log-spaced ones with both ends', () => {
    expect(logSpacedIndices([1, 2, 3], 5)).toEqual([0, 1, 2]);
    const steps = Array.from({ length: 1000 }, (_, i) => 10 * (i + 1));
    const idx = logSpacedIndices(steps, 50);
    expect(idx.length).toBeLessThanOrEqual(51);
    expect(idx[0]).toBe(0);
    expect(idx[idx.length - 1]).toBe(999);
    // Dense at the start, sparse at the end: the gaps grow.
    expect(idx[2]! - idx[1]!).toBeLessThan(idx[idx.length - 1]! - idx[idx.length - 2]!);
  });
});
