/**
 * The data budget: which training images keep their labels. A seeded, class-stratified choice
 * of `fraction` of each class (at least one per class); the rest form the transfer set that
 * only the teacher labels. Pure, so the UI can show counts and the tests can check it.
 *
 * The stratification reads the true labels of all rows, transfer rows included: it is how the
 * experiment is set up (as if someone had labelled the same share of each class), not something
 * the student learns from. Which rows are labelled thus depends on the transfer rows' classes
 * (each class contributes `fraction` of its rows), but their labels never reach training: a
 * transfer row carries the teacher's class and a 0 in the hard-label mask.
 */
import { createRng, shuffleInPlace } from '../../lib/rng';

export function labelledSplit(
  labels: ArrayLike<number>,
  classes: number,
  fraction: number,
  seed: number,
): { labelled: Int32Array; transfer: Int32Array } {
  const rng = createRng(seed, 'labelled-split');
  const byClass: number[][] = Array.from({ length: classes }, () => []);
  for (let i = 0; i < labels.length; i++) byClass[labels[i]!]!.push(i);
  const labelled: number[] = [];
  const transfer: number[] = [];
  byClass.forEach((rows) => {
    const order = shuffleInPlace(rows.slice(), rng);
    const keep = Math.max(1, Math.round(order.length * fraction));
    labelled.push(...order.slice(0, keep));
    transfer.push(...order.slice(keep));
  });
  const sort = (v: number[]) => Int32Array.from(v).sort();
  return { labelled: sort(labelled), transfer: sort(transfer) };
}
