import { FASHION_CLASSES } from './fashion';

/** An image task: class names at once, the test images once they are loaded. */
export interface ImagePreview {
  kind: 'images';
  classes: number;
  classNames: string[];
  /** uint8, N×28×28, and labels. */
  testImages?: Uint8Array;
  testY?: Int32Array;
}

export const imagePreview = (): ImagePreview => ({
  kind: 'images',
  classes: FASHION_CLASSES.length,
  classNames: [...FASHION_CLASSES],
});
