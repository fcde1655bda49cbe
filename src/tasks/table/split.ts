/**
 * The table task's seeded, stratified split: each class gives `testFraction` of its rows to
 * the test set (at least one from a class of two or more, never all of it), so every class the
 * students learn is also measured. Pure, for the engine and the tests.
 */
import { DataFileError } from '../../data/open';
import { createRng, shuffleInPlace } from '../../lib/rng';

export function stratifiedSplit(
  y: ArrayLike<number>,
  classes: number,
  testFraction: number,
  seed: number,
): { train: Int32Array; test: Int32Array } {
  const rng = createRng(seed, 'table-split');
  const byClass: number[][] = Array.from({ length: classes }, () => []);
  for (let i = 0; i < y.length; i++) byClass[y[i]!]!.push(i);
  const train: number[] = [];
  const test: number[] = [];
  for (const rows of byClass) {
    shuffleInPlace(rows, rng);
    const n = rows.length;
    const k = n < 2 ? 0 : Math.min(n - 1, Math.max(1, Math.round(n * testFraction)));
    test.push(...rows.slice(0, k));
    train.push(...rows.slice(k));
  }
  if (test.length === 0) throw new DataFileError('No class has two rows: there is nothing to hold out for testing.');
  // Classes interleaved: the test set's first rows (the views' sample) are of every class.
  return {
    train: shuffleInPlace(Int32Array.from(train), rng.fork('train')),
    test: shuffleInPlace(Int32Array.from(test), rng.fork('test')),
  };
}
