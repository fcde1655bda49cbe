/**
 * The table task's seeded, stratified split (lib/stratified-split.ts), refused when no class
 * has a row to spare for testing. Pure, for the engine and the tests.
 */
import { DataFileError } from '../../data/open';
import { stratifiedSplit as split } from '../../lib/stratified-split';

export function stratifiedSplit(
  y: ArrayLike<number>,
  classes: number,
  testFraction: number,
  seed: number,
): { train: Int32Array; test: Int32Array } {
  const parts = split(y, classes, testFraction, seed, 'table-split');
  if (parts.test.length === 0)
    throw new DataFileError('No class has two rows: there is nothing to hold out for testing.');
  return parts;
}
