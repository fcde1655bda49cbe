/**
 * The Fashion-MNIST subset the studio ships in public/data/fashion-mnist/ (made by
 * `npm run data:fashion`). Pure TypeScript: the worker fetches and gunzips the files, the Node
 * tests read them from disk, and both check them here before any tensor is made.
 */

/** Class names in label order (0..9), as published by Zalando Research. */
export const FASHION_CLASSES = [
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
] as const;

/** Short names that fit under a thumbnail. */
export const FASHION_SHORT_NAMES = [
  'T-shirt',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Boot',
] as const;

export const FASHION_HEIGHT = 28;
export const FASHION_WIDTH = 28;
export const FASHION_PIXELS = FASHION_HEIGHT * FASHION_WIDTH;

/** Folder under public/ (and so under the app's base URL). */
export const FASHION_DIR = 'data/fashion-mnist';

/** Raw uint8 files, gzipped: images row-major N×28×28, one byte per label. */
export const FASHION_FILES = {
  trainImages: 'train-images.u8.gz',
  trainLabels: 'train-labels.u8.gz',
  testImages: 'test-images.u8.gz',
  testLabels: 'test-labels.u8.gz',
  meta: 'meta.json',
} as const;

export type FashionPart = keyof Omit<typeof FASHION_FILES, 'meta'>;

export interface FashionData {
  trainImages: Uint8Array;
  trainLabels: Uint8Array;
  testImages: Uint8Array;
  testLabels: Uint8Array;
  classes: 10;
  height: 28;
  width: 28;
}

export type FashionParts = Pick<FashionData, FashionPart>;

/**
 * Checks decoded files before they become tensors: a truncated download or a file swapped
 * for another would otherwise surface as a shape error deep inside tfjs, or not at all.
 * Returns a message naming the file and what is wrong, or null when the parts are usable.
 */
export function validateFashion(parts: FashionParts): string | null {
  for (const split of ['train', 'test'] as const) {
    const images = split === 'train' ? parts.trainImages : parts.testImages;
    const labels = split === 'train' ? parts.trainLabels : parts.testLabels;
    const imageFile = split === 'train' ? FASHION_FILES.trainImages : FASHION_FILES.testImages;
    const labelFile = split === 'train' ? FASHION_FILES.trainLabels : FASHION_FILES.testLabels;
    if (labels.length === 0) return `${labelFile} is empty.`;
    if (images.length % FASHION_PIXELS !== 0) {
      return `${imageFile} has ${images.length} bytes, not a whole number of ${FASHION_HEIGHT}×${FASHION_WIDTH} images (truncated?).`;
    }
    if (images.length !== labels.length * FASHION_PIXELS) {
      return `${imageFile} holds ${images.length / FASHION_PIXELS} images but ${labelFile} has ${labels.length} labels.`;
    }
    const bad = labels.findIndex((y) => y >= FASHION_CLASSES.length);
    if (bad >= 0) {
      return `${labelFile}: label ${labels[bad]} at index ${bad} is outside 0..${FASHION_CLASSES.length - 1}.`;
    }
  }
  return null;
}
