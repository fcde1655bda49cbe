/**
 * A seeded, class-stratified train/test split, for tasks whose data the user brings: each class
 * gives `fraction` of its rows to the test set (at least one from a class of two or more, never
 * all of it), so every class the students learn is also measured. Both parts come back in a
 * seeded shuffled order, so any prefix of the test set (the views' first rows, the saliency
 * probe's first 32) mixes the classes. `stream` names the task's own random stream.
 */
import { createRng, shuffleInPlace } from './rng';

export function stratifiedSplit(
  labels: ArrayLike<number>,
  classes: number,
  fraction: number,
  seed: number,
  stream: string,
): { train: Int32Array; test: Int32Array } {
  const rng = createRng(seed, stream);
  const byClass: number[][] = Array.from({ length: classes }, () => []);
  for (let i = 0; i < labels.length; i++) byClass[labels[i]!]!.push(i);
  const train: number[] = [];
  const test: number[] = [];
  for (const rows of byClass) {
    shuffleInPlace(rows, rng);
    const n = rows.length;
    const k = n < 2 ? 0 : Math.min(n - 1, Math.max(1, Math.round(n * fraction)));
    test.push(...rows.slice(0, k));
    train.push(...rows.slice(k));
  }
  return {
    train: shuffleInPlace(Int32Array.from(train), rng.fork('train')),
    test: shuffleInPlace(Int32Array.from(test), rng.fork('test')),
  };
}
