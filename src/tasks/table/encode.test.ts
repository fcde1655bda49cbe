/** A table as numbers: standardised with the training rows' statistics, one-hot text, imputed gaps; and the stratified split. */
import { describe, expect, it } from 'vitest';
import { readColumn } from './columns';
import { encodeRows, trainStats } from './encode';
import { stratifiedSplit } from './split';

const rows = [
  ['1', 'red'],
  ['3', 'blue'],
  ['', 'red'],
  ['100', ''],
  ['5', 'green'],
];
const columns = [readColumn(rows, 0, 'n'), readColumn(rows, 1, 'colour')];

describe('encoding', () => {
  it('standardises numbers with the training rows’ mean and deviation only', () => {
    const train = Int32Array.from([0, 1, 2]);
    // Training values 1 and 3 (row 2 is missing): mean 2, deviation 1; the test row's 100 does not count.
    expect(trainStats((columns[0] as { values: Float64Array }).values, train)).toEqual({ mean: 2, std: 1 });
    const { x, stats } = encodeRows(columns, 4, train, Int32Array.from([3, 4]));
    expect(stats).toEqual([{ name: 'n', mean: 2, std: 1 }]);
    // Row 3: (100 − 2) / 1, colour missing → no category; row 4: 3, green. Categories sort: blue, green, red.
    expect(Array.from(x)).toEqual([98, 0, 0, 0, 3, 0, 1, 0]);
  });
  it('fills a missing number with the training mean (0 once standardised), and one-hot encodes text', () => {
    const train = Int32Array.from([0, 1, 2, 4]);
    const { x } = encodeRows(columns, 4, train, train);
    const mean = 3; // (1 + 3 + 5) / 3
    const std = Math.sqrt(8 / 3);
    const expected = [
      [(1 - mean) / std, 0, 0, 1],
      [(3 - mean) / std, 1, 0, 0],
      [0, 0, 0, 1],
      [(5 - mean) / std, 0, 1, 0],
    ].flat();
    Array.from(x).forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 6));
  });
  it('gives a constant column zeros, not a division by zero', () => {
    const c = [readColumn([['4'], ['4'], ['4']], 0, 'k')];
    const all = Int32Array.from([0, 1, 2]);
    expect(Array.from(encodeRows(c, 1, all, all).x)).toEqual([0, 0, 0]);
  });
});

describe('the stratified split', () => {
  // 60 rows of class 0, 30 of class 1, 10 of class 2, interleaved.
  const y = Int32Array.from({ length: 100 }, (_, i) => (i % 10 === 0 ? 2 : i % 3 === 0 ? 1 : 0));
  const counts = (idx: Int32Array) => [0, 1, 2].map((c) => Array.from(idx).filter((i) => y[i] === c).length);

  it('holds out the test fraction of every class, seeded, without overlap', () => {
    const a = stratifiedSplit(y, 3, 0.3, 7);
    const all = [...counts(a.train).map((n, c) => n + counts(a.test)[c]!)];
    expect(all).toEqual(counts(Int32Array.from(y.keys())));
    const perClass = counts(Int32Array.from(y.keys()));
    counts(a.test).forEach((n, c) => expect(n).toBe(Math.round(perClass[c]! * 0.3)));
    expect(new Set([...a.train, ...a.test]).size).toBe(100);
    expect(stratifiedSplit(y, 3, 0.3, 7)).toEqual(a);
    expect(stratifiedSplit(y, 3, 0.3, 8).test).not.toEqual(a.test);
  });
  it('keeps at least one row of a class in training and holds out one from a small class', () => {
    const small = Int32Array.from([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 2]);
    const { train, test } = stratifiedSplit(small, 3, 0.1, 1);
    const t = Array.from(test, (i) => small[i]);
    expect(t.filter((c) => c === 1)).toHaveLength(1);
    // A class of one row cannot be both learnt and tested: it trains.
    expect(t).not.toContain(2);
    expect(Array.from(train, (i) => small[i])).toContain(2);
  });
});
