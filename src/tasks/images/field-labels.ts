/**
 * How the Data section labels an image task's augmentation (Fashion-MNIST and an image folder
 * share them: ui/AugmentFields.tsx), for messages outside the panel. Pure.
 */
import type { TaskFieldLabel } from '../types';
import type { AugmentSettings } from './augment-settings';

export const AUGMENT_FIELD_LABELS: Readonly<
  Record<string, TaskFieldLabel<AugmentSettings & { gapSampling: boolean }>>
> = {
  'augment.shift': { label: 'Shift (px)' },
  'augment.noise': { label: 'Noise σ' },
  'augment.flip': { label: 'Flip transfer images horizontally' },
  mixup: { label: 'Mixup α' },
  gapSampling: { label: 'Gap-aware sampling (DDK)' },
};
