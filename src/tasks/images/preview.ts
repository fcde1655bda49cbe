import { FASHION_CLASSES, FASHION_HEIGHT, FASHION_SHORT_NAMES, FASHION_WIDTH } from './fashion';

/**
 * What an image task's views read (Fashion-MNIST, a folder of the user's images): class names
 * and the image shape at once, the test images once they are loaded.
 */
export interface ImageSetPreview<K extends string = string> {
  kind: K;
  classes: number;
  classNames: string[];
  /** Names that fit under a thumbnail (absent: the class names). */
  shortNames?: string[];
  /** One image: height, width, channels. */
  imageShape: [number, number, number];
  /** Light-on-dark images (Fashion-MNIST) are shown inverted, dark on light, as people draw them. */
  invert?: boolean;
  /** uint8, N×H×W×C, and labels. */
  testImages?: Uint8Array;
  testY?: Int32Array;
}

/** The Fashion-MNIST task's preview. */
export type ImagePreview = ImageSetPreview<'images'>;

/** Whether a task's preview is an image task's (the image views serve it). */
export const isImageSet = (d: { kind: string } | undefined): d is ImageSetPreview =>
  !!d && 'imageShape' in d && 'classNames' in d;

export const imagePreview = (): ImagePreview => ({
  kind: 'images',
  classes: FASHION_CLASSES.length,
  classNames: [...FASHION_CLASSES],
  shortNames: [...FASHION_SHORT_NAMES],
  imageShape: [FASHION_HEIGHT, FASHION_WIDTH, 1],
  invert: true,
});
