/**
 * Which images are held out for testing: a seeded, class-stratified `fraction` of each class (at
 * least one image per class, and at least one left to train on). Both parts come back in a seeded
 * shuffled order, so any prefix of the test set (the saliency probe's first 32, the gallery's
 * first page) mixes the classes instead of showing the first folder only.
 */
import { createRng, shuffleInPlace } from '../../lib/rng';

export function testSplit(
  labels: ArrayLike<number>,
  classes: number,
  fraction: number,
  seed: number,
): { train: Int32Array; test: Int32Array } {
  const rng = createRng(seed, 'test-split');
  const byClass: number[][] = Array.from({ length: classes }, () => []);
  for (let i = 0; i < labels.length; i++) byClass[labels[i]!]!.push(i);
  const train: number[] = [];
  const test: number[] = [];
  for (const rows of byClass) {
    if (rows.length === 0) continue;
    const order = shuffleInPlace(rows, rng);
    const held = Math.min(order.length - 1, Math.max(1, Math.round(order.length * fraction)));
    test.push(...order.slice(0, held));
    train.push(...order.slice(held));
  }
  return { train: Int32Array.from(shuffleInPlace(train, rng)), test: Int32Array.from(shuffleInPlace(test, rng)) };
}
