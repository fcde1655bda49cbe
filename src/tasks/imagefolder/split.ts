/**
 * Which images are held out for testing: the shared seeded, class-stratified split
 * (lib/stratified-split.ts) on the image-folder task's own random stream. The folder reader
 * already refuses a class of fewer than 5 images, so every class is on both sides.
 */
import { stratifiedSplit } from '../../lib/stratified-split';

export const testSplit = (
  labels: ArrayLike<number>,
  classes: number,
  fraction: number,
  seed: number,
): { train: Int32Array; test: Int32Array } => stratifiedSplit(labels, classes, fraction, seed, 'test-split');
