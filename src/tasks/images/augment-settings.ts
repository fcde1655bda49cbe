/** What augmentation reads of an image task's config (Fashion-MNIST, an image folder). Pure. */
import type { ImageTask } from './schema';

export type AugmentSettings = Pick<ImageTask, 'augment' | 'mixup'>;

/** Whether the settings vary anything (off: transfer rows reuse the cached teacher outputs). */
export const augmenting = (task: AugmentSettings): boolean =>
  task.augment.shift > 0 || task.augment.flip || task.augment.noise > 0 || task.mixup > 0;
