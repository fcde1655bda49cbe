/**
 * The transfer-set controls every image task shares (Fashion-MNIST, an image folder): shift,
 * noise and mixup (fields for the Data section's grid), and the flip and gap-aware sampling
 * toggles with the note that at 100% labelled there is nothing to vary.
 */
import { useConfigStore } from '../../../state/config';
import { NumberField, ToggleField } from '../../../ui/controls/fields';
import { augmenting, type AugmentSettings } from '../augment-settings';

/** The config's task, when it is an image task with augmentation settings. */
function useImageSettings(): (AugmentSettings & { labelledFraction: number }) | null {
  const task = useConfigStore((s) => s.config.task);
  return 'augment' in task && 'mixup' in task ? task : null;
}

/** Shift, noise and mixup: to sit in the Data section's field grid. */
export function AugmentGridFields() {
  return (
    <>
      <NumberField path="task.augment.shift" label="Shift (px)" />
      <NumberField path="task.augment.noise" label="Noise σ" />
      <NumberField path="task.mixup" label="Mixup α" hint="0 = off" />
    </>
  );
}

/** Flip, the no-transfer note and gap-aware sampling: after the grid. */
export function AugmentToggles() {
  const task = useImageSettings();
  const noTransfer = !!task && task.labelledFraction >= 1;
  return (
    <>
      <ToggleField path="task.augment.flip" label="Flip transfer images horizontally" />
      {noTransfer ? (
        <p className={`field-hint${augmenting(task) ? ' field-warning' : ''}`} role="note">
          At 100% labelled there is no transfer set: shift, noise, flip and mixup apply to transfer images only, so they
          do nothing here.
        </p>
      ) : null}
      <ToggleField
        path="task.gapSampling"
        label="Gap-aware sampling (DDK)"
        help="Draw classes in proportion to the current teacher–student gap per class (charted)."
      />
    </>
  );
}
