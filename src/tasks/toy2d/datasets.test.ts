import { describe, expect, it } from 'vitest';
import { TOY_DATASETS, generateToy, splitToy, toyClassCount } from './datasets';

describe('toy 2D data sets', () => {
  for (const dataset of TOY_DATASETS) {
    it(`${dataset}: seeded, balanced, in range`, () => {
      const spec = { dataset, classes: 4, noise: 0.2, points: 400 };
      const a = generateToy(spec, 7);
      const b = generateToy(spec, 7);
      expect(a).toEqual(b);
      expect(generateToy(spec, 8).x).not.toEqual(a.x);
      const k = toyClassCount(spec);
      expect(a.classes).toBe(k);
      expect(a.x.length).toBe(800);
      const counts = Array.from({ length: k }, (_, c) => a.y.filter((y) => y === c).length);
      counts.forEach((n) => expect(n).toBeGreaterThan(400 / k - 60));
      expect(Math.max(...a.x.map(Math.abs))).toBeLessThan(2);
    });
  }
  it('splits train and test without overlap', () => {
    const pts = generateToy({ dataset: 'moons', classes: 2, noise: 0.1, points: 100 }, 1);
    const { train, test } = splitToy(pts, 0.3);
    expect(test.y.length).toBe(30);
    expect(train.y.length).toBe(70);
    expect([...test.x, ...train.x]).toEqual([...pts.x]);
  });
});
