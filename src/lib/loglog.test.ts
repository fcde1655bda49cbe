import { describe, expect, it } from 'vitest';
import { fitLogLog, fittedAt, turnUp } from './loglog';

describe('fitLogLog', () => {
  it('recovers a power law exactly', () => {
    const xs = [1, 2, 5, 10, 50, 200];
    const fit = fitLogLog(
      xs,
      xs.map((x) => 3 * x ** -0.5),
    )!;
    expect(fit.slope).toBeCloseTo(-0.5, 12);
    expect(Math.exp(fit.intercept)).toBeCloseTo(3, 12);
    expect(fit.n).toBe(6);
    expect(fittedAt(fit, 100)).toBeCloseTo(0.3, 12);
  });

  it('matches a hand-computed least-squares line and skips points without a logarithm', () => {
    // With a = ln 2: ln x = 0, a, 2a and ln y = 0, 0, 2a, so Σx = 3a, Σy = 2a, Σxx = 5a², Σxy = 4a²;
    // slope = (3·4a² − 3a·2a) / (3·5a² − 9a²) = 1, intercept = (2a − 1·3a) / 3 = −a/3.
    const fit = fitLogLog([1, 2, 4, 0, 8, -1], [1, 1, 4, 5, NaN, 3])!;
    expect(fit.n).toBe(3);
    expect(fit.slope).toBeCloseTo(1, 12);
    expect(fit.intercept).toBeCloseTo(-Math.log(2) / 3, 12);
  });

  it('needs two distinct xs', () => {
    expect(fitLogLog([5], [1])).toBeNull();
    expect(fitLogLog([5, 5], [1, 2])).toBeNull();
  });
});

describe('turnUp', () => {
  const steps = [10, 20, 30, 40, 50, 60, 70, 80];
  it('finds the minimum of a curve that falls and rises, in running medians', () => {
    const t = turnUp(steps, [1, 0.6, 0.4, 0.3, 0.35, 0.4, 0.45, 0.5])!;
    // Evaluated evenly, a window from s / 1.25 holds under three evaluations: the last three,
    // whose medians at steps 30..80 are 0.6, 0.4, 0.35, 0.35, 0.4, 0.45.
    expect(t).toMatchObject({ step: 50, min: 0.35, peakStep: 80, peak: 0.45, latest: 0.45 });
    expect(t.rise).toBeCloseTo(0.45 / 0.35 - 1, 12);
  });

  it('reports a rise that a second descent followed, and where the curve stands now', () => {
    const t = turnUp(steps, [1, 0.5, 0.5, 0.5, 0.8, 0.8, 0.8, 0.2], 0.1, 1, 1)!;
    expect(t).toMatchObject({ step: 20, min: 0.5, peakStep: 50, peak: 0.8, latest: 0.2 });
    expect(t.rise).toBeCloseTo(0.6, 12);
  });

  const long = Array.from({ length: 100 }, (_, i) => 10 * (i + 1));
  it('rides over a late spike: the window there spans many evaluations', () => {
    const spiked = long.map((s) => (s === 800 || s === 810 ? 3 : 1) / Math.sqrt(s));
    expect(turnUp(long, spiked)).toBeNull();
  });

  it('sees a sustained rise late in a run', () => {
    const rising = long.map((s) => (s < 300 ? 1 / Math.sqrt(s) : Math.sqrt(s / 300) / Math.sqrt(300)));
    const t = turnUp(long, rising)!;
    expect(t.step).toBeGreaterThanOrEqual(290);
    expect(t.step).toBeLessThanOrEqual(380);
    expect(t.peakStep).toBe(1000);
    expect(t.rise).toBeGreaterThan(0.5);
  });

  it('says nothing for a falling curve, a rise under the threshold, or too few points', () => {
    expect(
      turnUp(
        long,
        long.map((s) => s ** -0.5),
      ),
    ).toBeNull();
    expect(turnUp(steps, [1, 0.6, 0.4, 0.3, 0.31, 0.31, 0.32, 0.31])).toBeNull();
    expect(turnUp([1, 2], [1, 2])).toBeNull();
  });
});
