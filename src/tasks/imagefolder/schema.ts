import { z } from '../../config/zod';
import { DatasetRef } from '../../config/dataset';
import { int, num } from '../../config/fields';

/** Most classes (class folders) a folder may have. */
export const MAX_CLASSES = 100;

/**
 * The user's own images: a zip (or a dropped folder, zipped on the page) with one subfolder per
 * class. Every image is resized to `size`×`size` with `channels` channels; a seeded, class-
 * stratified `testFraction` is held out. `classes`, `classNames` and `images` are what the file
 * decides: filled in by the worker's inspect step, so the pure task functions answer from the
 * config alone.
 */
export const ImageFolderTask = z.object({
  kind: z.literal('imagefolder'),
  dataset: DatasetRef,
  size: z.union([z.literal(28), z.literal(32)], { error: 'Image size is 28 or 32 pixels' }),
  channels: z.union([z.literal(1), z.literal(3)], { error: 'Channels are 1 (grey) or 3 (colour)' }),
  testFraction: num('Test fraction', 0.1, 0.5),
  labelledFraction: num('Labelled fraction', 0.01, 1),
  augment: z.object({
    shift: int('Shift', 0, 4),
    flip: z.boolean({ error: 'Flip is on or off' }),
    noise: num('Noise σ', 0, 0.5),
  }),
  mixup: num('Mixup α', 0, 2),
  gapSampling: z.boolean({ error: 'Gap-aware sampling is on or off' }),
  classes: int('Classes', 2, MAX_CLASSES),
  classNames: z
    .array(z.string().min(1, 'A class has a name').max(80, 'A class name has at most 80 characters'))
    .min(2, 'At least 2 classes')
    .max(MAX_CLASSES, `At most ${MAX_CLASSES} classes`),
  images: int('Images', 10, 1_000_000),
});
export type ImageFolderTask = z.infer<typeof ImageFolderTask>;
