import { describe, expect, it } from 'vitest';
import { getObjective, laneTemperature } from '.';
import { currentTemperature, scheduledParams, scheduledTemperature } from './schedule';

describe('schedules', () => {
  const s = (temperature: 'constant' | 'linear' | 'cosine', temperatureEnd = 1, warmup = 0) => ({
    temperature,
    temperatureEnd,
    warmup,
  });
  it('temperature: constant, linear and cosine from T to the final value', () => {
    expect(scheduledTemperature(s('constant'), 4, 50, 100)).toBe(4);
    expect(scheduledTemperature(s('linear'), 4, 0, 100)).toBe(4);
    expect(scheduledTemperature(s('linear'), 4, 50, 100)).toBe(2.5);
    expect(scheduledTemperature(s('linear'), 4, 100, 100)).toBe(1);
    expect(scheduledTemperature(s('cosine'), 4, 0, 100)).toBe(4);
    expect(scheduledTemperature(s('cosine'), 4, 50, 100)).toBeCloseTo(2.5, 12);
    expect(scheduledTemperature(s('cosine'), 4, 25, 100)).toBeCloseTo(1 + (3 * (1 + Math.SQRT1_2)) / 2, 12);
    expect(scheduledTemperature(s('cosine'), 4, 200, 100)).toBe(1);
  });
  it('the temperature a lane trains at now: its last step’s (step index done − 1), as charted', () => {
    const hinton = getObjective('hinton');
    const p = { T: 4, alpha: 0.9, t2: 1 };
    // Nothing trained yet: the first step's temperature.
    expect(currentTemperature(hinton, p, s('linear'), 0, 100)).toBe(4);
    expect(currentTemperature(hinton, p, s('linear'), 1, 100)).toBe(4);
    // 51 steps done: the last one was step index 50, at T = 2.5.
    expect(currentTemperature(hinton, p, s('linear'), 51, 100)).toBe(2.5);
    expect(currentTemperature(hinton, p, s('cosine'), 51, 100)).toBeCloseTo(2.5, 12);
    expect(currentTemperature(hinton, p, s('cosine'), 500, 100)).toBe(1);
    expect(currentTemperature(hinton, p, s('constant'), 51, 100)).toBe(4);
    // The same number the session hands the objective for that step.
    expect(currentTemperature(hinton, p, s('cosine', 2), 31, 100)).toBe(
      scheduledParams(hinton, p, s('cosine', 2), 30, 100).T,
    );
    // No temperature parameter (TAID, labels only): T = 1.
    expect(currentTemperature(getObjective('taid'), { alpha: 1 }, s('linear', 3), 51, 100)).toBe(1);
    expect(currentTemperature(getObjective('baseline'), {}, s('linear', 3), 51, 100)).toBe(1);
  });
  it('a lane’s temperature fills missing parameters from its objective’s defaults', () => {
    const T0 = getObjective('hinton').params.find((p) => p.key === 'T')!.default;
    expect(laneTemperature({ objective: 'hinton', params: {}, schedule: s('constant') }, 51, 100)).toBe(T0);
    expect(laneTemperature({ objective: 'hinton', params: { T: 4 }, schedule: s('linear') }, 51, 100)).toBe(2.5);
  });
  it('warms the KD weight up linearly and leaves other parameters alone', () => {
    const hinton = getObjective('hinton');
    const p = { T: 4, alpha: 0.9, t2: 1 };
    expect(scheduledParams(hinton, p, s('constant', 1, 10), 4, 100)).toEqual({ T: 4, alpha: 0.45, t2: 1 });
    expect(scheduledParams(hinton, p, s('constant', 1, 10), 50, 100)).toEqual(p);
    expect(scheduledParams(hinton, p, s('linear', 2, 0), 50, 100)).toEqual({ T: 3, alpha: 0.9, t2: 1 });
  });
  it('only drives the parameters an objective declares', () => {
    const dkd = getObjective('dkd'); // temperature yes, its α is a TCKD weight: no warm-up
    expect(scheduledParams(dkd, { T: 4, alpha: 1, beta: 8 }, s('linear', 2, 10), 50, 100)).toEqual({
      T: 3,
      alpha: 1,
      beta: 8,
    });
    expect(scheduledParams(getObjective('baseline'), {}, s('cosine', 2, 10), 50, 100)).toEqual({});
  });
});
