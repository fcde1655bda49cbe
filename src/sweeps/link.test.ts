import { describe, expect, it } from 'vitest';
import { decodeLink } from '../share/codec';
import { TOY_CONFIG } from '../tasks/toy2d/defaults';
import { decodeSweepLink, encodeSweepLink, experimentPart } from './link';
import type { SweepResult } from './types';

const result: SweepResult = {
  spec: {
    axes: [{ path: 'lanes.0.params.T', values: [1, 4], label: 'Student 1 › Temperature T' }],
    seeds: [42, 43],
    steps: 40,
    lab: 'capacity',
  },
  base: TOY_CONFIG,
  points: [1, 4].map((T) => ({
    values: [T],
    runs: [42, 43].map((seed) => ({
      seed,
      steps: 40,
      lanes: [{ studentAccuracy: Math.fround(0.8740740537643433), kl: NaN }],
      teacher: { teacherAccuracy: Math.fround(0.99) },
    })),
  })),
  complete: true,
  backend: 'cpu',
  ms: 4123.4,
};

describe('a sweep’s link', () => {
  it('reopens the experiment and the same results', () => {
    const hash = encodeSweepLink(result);
    const exp = decodeLink(experimentPart(hash));
    expect(exp.ok && exp.config).toEqual(TOY_CONFIG);
    const back = decodeSweepLink(hash);
    expect(back?.ok).toBe(true);
    if (!back?.ok) return;
    expect(back.result.spec).toEqual(result.spec);
    expect(back.result.points[0]!.runs[0]!.lanes[0]!.studentAccuracy).toBeCloseTo(0.874074, 6);
    expect(back.result.points[0]!.runs[0]!.lanes[0]!.kl).toBeNaN();
    expect(back.result.ms).toBe(4123);
  });

  it('is no sweep without the parameter, and a message when damaged', () => {
    expect(decodeSweepLink('v=2&c=abc')).toBeNull();
    const hash = encodeSweepLink(result);
    const r = decodeSweepLink(hash.replace(/sweep=.{12}/, 'sweep=AAAAAAAAAAAA'));
    expect(r).toEqual({ ok: false, error: expect.stringMatching(/could not be read/) });
  });
});
