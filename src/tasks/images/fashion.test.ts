import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  FASHION_CLASSES,
  FASHION_DIR,
  FASHION_FILES,
  FASHION_PIXELS,
  validateFashion,
  type FashionParts,
} from './fashion';

// The committed files, read as the browser will get them: gzip bytes from public/.
const dir = fileURLToPath(new URL(`../../../public/${FASHION_DIR}/`, import.meta.url));
const raw = (name: string) => readFileSync(dir + name);
const unzip = (name: string) => new Uint8Array(gunzipSync(raw(name)));

interface Meta {
  classes: string[];
  counts: { train: number; test: number };
  seed: number;
  files: Record<string, { bytes: number; sha256: string; unpackedBytes: number }>;
}
const meta = JSON.parse(raw(FASHION_FILES.meta).toString('utf8')) as Meta;

const parts: FashionParts = {
  trainImages: unzip(FASHION_FILES.trainImages),
  trainLabels: unzip(FASHION_FILES.trainLabels),
  testImages: unzip(FASHION_FILES.testImages),
  testLabels: unzip(FASHION_FILES.testLabels),
};

const classCounts = (labels: Uint8Array) => {
  const counts = new Array<number>(FASHION_CLASSES.length).fill(0);
  for (const y of labels) counts[y]!++;
  return counts;
};

describe('Fashion-MNIST subset in public/', () => {
  it('has the documented counts, shape and class names', () => {
    expect(parts.trainLabels.length).toBe(12_000);
    expect(parts.testLabels.length).toBe(2_000);
    expect(parts.trainImages.length).toBe(12_000 * 28 * 28);
    expect(parts.testImages.length).toBe(2_000 * 28 * 28);
    expect(meta.counts).toMatchObject({ train: 12_000, test: 2_000 });
    expect(meta.classes).toEqual([...FASHION_CLASSES]);
    expect(meta.seed).toBe(1234);
  });

  it('is class-balanced, with labels 0..9', () => {
    expect(classCounts(parts.trainLabels)).toEqual(new Array(10).fill(1_200));
    expect(classCounts(parts.testLabels)).toEqual(new Array(10).fill(200));
    // Shuffled, not sorted by class: the app may take any prefix, e.g. the teacher test's 500.
    const prefix = classCounts(parts.testLabels.subarray(0, 500));
    expect(Math.min(...prefix)).toBeGreaterThan(25);
  });

  it('holds real images: full 0..255 range, plausible mean, no blank image', () => {
    for (const images of [parts.trainImages, parts.testImages]) {
      let sum = 0;
      let max = 0;
      for (const v of images) {
        sum += v;
        if (v > max) max = v;
      }
      expect(max).toBe(255);
      // Fashion-MNIST's mean pixel is about 73 (0.286 × 255); garbage or a wrong offset is not.
      expect(sum / images.length).toBeGreaterThan(60);
      expect(sum / images.length).toBeLessThan(90);
      let blank = 0;
      for (let i = 0; i < images.length; i += FASHION_PIXELS) {
        if (images.subarray(i, i + FASHION_PIXELS).every((v) => v === 0)) blank++;
      }
      expect(blank).toBe(0);
    }
  });

  it('matches the sizes (packed and unpacked) and sha256 sums in meta.json', () => {
    for (const name of [
      FASHION_FILES.trainImages,
      FASHION_FILES.trainLabels,
      FASHION_FILES.testImages,
      FASHION_FILES.testLabels,
    ]) {
      const bytes = raw(name);
      expect(meta.files[name]).toEqual({
        bytes: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        unpackedBytes: unzip(name).length,
      });
    }
  });
});

describe('validateFashion', () => {
  it('accepts the committed files', () => {
    expect(validateFashion(parts)).toBeNull();
  });

  it('rejects a truncated image file, naming it', () => {
    const error = validateFashion({ ...parts, trainImages: parts.trainImages.subarray(0, 1_000_000) });
    expect(error).toMatch(/train-images\.u8\.gz .*not a whole number of 28×28 images \(truncated\?\)/);
  });

  it('rejects images and labels that disagree in count', () => {
    const error = validateFashion({ ...parts, testLabels: parts.testLabels.subarray(0, 1_999) });
    expect(error).toBe('test-images.u8.gz holds 2000 images but test-labels.u8.gz has 1999 labels.');
  });

  it('rejects a label outside 0..9', () => {
    const garbled = parts.trainLabels.slice();
    garbled[42] = 17;
    expect(validateFashion({ ...parts, trainLabels: garbled })).toBe(
      'train-labels.u8.gz: label 17 at index 42 is outside 0..9.',
    );
  });

  it('rejects empty files', () => {
    const empty = new Uint8Array(0);
    expect(validateFashion({ ...parts, testImages: empty, testLabels: empty })).toBe('test-labels.u8.gz is empty.');
  });
});
