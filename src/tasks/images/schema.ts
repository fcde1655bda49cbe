import { z } from '../../config/zod';
import { int, num, oneOf } from '../../config/fields';

/**
 * Fashion-MNIST images. A fraction of the training pool keeps its labels; the rest is an
 * unlabelled transfer set that only the teacher labels (and that augmentation and mixup vary).
 */
export const ImageTask = z.object({
  kind: z.literal('images'),
  dataset: oneOf('Image data set', ['fashion-mnist'] as const),
  /** How many of the 12,000 shipped training images (the first, in their seeded order) to use. */
  trainImages: int('Training images', 500, 12000),
  /** How many of the 2,000 shipped test images to evaluate on. */
  testImages: int('Test images', 200, 2000),
  labelledFraction: num('Labelled fraction', 0.01, 1),
  augment: z.object({
    shift: int('Shift', 0, 4),
    flip: z.boolean({ error: 'Flip is on or off' }),
    noise: num('Noise σ', 0, 0.5),
  }),
  /** Mixup α for transfer images (λ ~ Beta(α, α)); 0 turns it off. */
  mixup: num('Mixup α', 0, 2),
  /** Sample classes in proportion to the teacher–student gap per class (as DDK does per domain). */
  gapSampling: z.boolean({ error: 'Gap-aware sampling is on or off' }),
});
export type ImageTask = z.infer<typeof ImageTask>;
