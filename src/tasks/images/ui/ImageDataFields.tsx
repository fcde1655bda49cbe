/**
 * The image task's Data fields: how many images, how many of them labelled (the rest form the
 * transfer set), how transfer images are augmented, and gap-aware sampling.
 */
import { useConfigStore } from '../../../state/config';
import { NumberField, ToggleField } from '../../../ui/controls/fields';

export function ImageDataFields() {
  const task = useConfigStore((s) => s.config.task);
  const noTransfer = task.kind === 'images' && task.labelledFraction >= 1;
  const augmenting =
    task.kind === 'images' && (task.augment.shift > 0 || task.augment.noise > 0 || task.augment.flip || task.mixup > 0);
  return (
    <>
      <p className="field-hint">
        Fashion-MNIST (Zalando Research, MIT licence): up to 12,000 training and 2,000 test images, shipped with the
        app.
      </p>
      <div className="field-grid">
        <NumberField path="task.trainImages" label="Training images" />
        <NumberField path="task.testImages" label="Test images" />
        <NumberField
          path="task.labelledFraction"
          label="Labelled %"
          scale={100}
          hint="The rest: a transfer set only the teacher labels"
        />
        <NumberField path="seed" label="Seed" />
        <NumberField path="task.augment.shift" label="Shift (px)" />
        <NumberField path="task.augment.noise" label="Noise σ" />
        <NumberField path="task.mixup" label="Mixup α" hint="0 = off" />
      </div>
      <ToggleField path="task.augment.flip" label="Flip transfer images horizontally" />
      {noTransfer ? (
        <p className={`field-hint${augmenting ? ' field-warning' : ''}`} role="note">
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
