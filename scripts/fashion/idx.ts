/**
 * Reads the official Fashion-MNIST files (IDX format, gzipped) from the Debian package
 * dataset-fashion-mnist. Shared by the data builder and the teacher trainer, so that both see
 * the same bytes and fail the same way when a file is missing or damaged.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** Where `apt-get install dataset-fashion-mnist` puts the files; override for another copy. */
export const SOURCE_DIR = process.env.FASHION_MNIST_DIR ?? '/usr/share/datasets/fashion-mnist';

export const SOURCE_FILES = {
  trainImages: 'train-images-idx3-ubyte.gz',
  trainLabels: 'train-labels-idx1-ubyte.gz',
  testImages: 't10k-images-idx3-ubyte.gz',
  testLabels: 't10k-labels-idx1-ubyte.gz',
} as const;

export interface IdxArray {
  dims: number[];
  data: Uint8Array;
}

/**
 * Parses an IDX file of unsigned bytes: magic 0x0000_08_<rank>, then `rank` big-endian
 * uint32 sizes, then the data. Fashion-MNIST uses rank 3 for images and rank 1 for labels.
 */
export function readIdx(path: string, expectedRank: number): IdxArray {
  if (!existsSync(path)) {
    throw new Error(`${path} not found: install the Debian package dataset-fashion-mnist or set FASHION_MNIST_DIR`);
  }
  const raw = gunzipSync(readFileSync(path));
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const magic = view.getUint32(0);
  const dtype = (magic >>> 8) & 0xff;
  const rank = magic & 0xff;
  if (magic >>> 16 !== 0 || dtype !== 0x08 || rank !== expectedRank) {
    throw new Error(`${path}: not a uint8 IDX file of rank ${expectedRank} (magic 0x${magic.toString(16)})`);
  }
  const dims = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i));
  const offset = 4 + 4 * rank;
  const size = dims.reduce((a, b) => a * b, 1);
  if (raw.byteLength !== offset + size) {
    throw new Error(`${path}: ${raw.byteLength - offset} data bytes, expected ${size} for shape [${dims.join(', ')}]`);
  }
  // Copy out of the gunzip buffer so callers own a tight, zero-offset array.
  return { dims, data: new Uint8Array(raw.subarray(offset)) };
}

export interface LabelledImages {
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
}

/** One official split ('train': 60,000 images, 't10k': 10,000), checked for consistency. */
export function readSplit(split: 'train' | 't10k'): LabelledImages {
  const [imageFile, labelFile] =
    split === 'train'
      ? [SOURCE_FILES.trainImages, SOURCE_FILES.trainLabels]
      : [SOURCE_FILES.testImages, SOURCE_FILES.testLabels];
  const images = readIdx(join(SOURCE_DIR, imageFile), 3);
  const labels = readIdx(join(SOURCE_DIR, labelFile), 1);
  const [count, h, w] = images.dims as [number, number, number];
  if (h !== 28 || w !== 28 || labels.dims[0] !== count) {
    throw new Error(`${split}: images [${images.dims.join(', ')}] do not match labels [${labels.dims.join(', ')}]`);
  }
  return { images: images.data, labels: labels.data, count };
}
