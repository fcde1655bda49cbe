import { describe, expect, it } from 'vitest';
import { getObjective } from '.';
import { scheduledParams, scheduledTemperature } from './schedule';

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
