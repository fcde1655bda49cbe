/**
 * The shipped sample text (public/data/textfile/sample.txt): Moby-Dick's Extracts and chapters 25–31, in
 * Melville's own case. Written by scripts/textfile/build-sample.ts (npm run data:textfile-sample); do not edit.
 */
import type { DatasetRef } from '../../config/dataset';

export const SAMPLE_REF: DatasetRef = {
  name: 'moby-dick-sample.txt',
  sha256: '711963c0e6fa49b3d5863afd1088aac6e140f90ecd025e690c6408d6325a4b27',
  bytes: 59569,
  sample: 'data/textfile/sample.txt',
};

/** What inspect fills in for it: its vocabulary (code-point order) and its characters. */
export const SAMPLE_VOCAB = '\n !"\'(),-.0123456789:;?ABCDEFGHIJKLMNOPQRSTUVWXYabcdefghijklmnopqrstuvwxyz—';
export const SAMPLE_CHARACTERS = 59295;
