/**
 * The image task's Data fields: how many images, how many of them labelled (the rest form the
 * transfer set), how transfer images are augmented, and gap-aware sampling.
 */
import { NumberField } from '../../../ui/controls/fields';
import { AugmentGridFields, AugmentToggles } from './AugmentFields';

export function ImageDataFields() {
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
        <AugmentGridFields />
      </div>
      <AugmentToggles />
    </>
  );
}
