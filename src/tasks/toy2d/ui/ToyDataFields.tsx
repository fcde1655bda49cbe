/** The toy task's Data fields: which point set, its classes, noise and size, and the seed. */
import { fieldName } from '../../../config/field-labels';
import { useConfigStore } from '../../../state/config';
import { NumberField, SelectField } from '../../../ui/controls/fields';
import { TOY_DATASETS, TOY_DATASET_INFO } from '../datasets';

export function ToyDataFields() {
  const dataset = useConfigStore((s) => (s.config.task.kind === 'toy2d' ? s.config.task.dataset : 'spiral'));
  const variable = TOY_DATASET_INFO[dataset].variableClasses;
  // A spiral's classes are its arms: the label messages elsewhere use too.
  const classes = useConfigStore((s) => fieldName(s.config, 'task.classes')?.label ?? 'Classes');
  return (
    <>
      <SelectField
        path="task.dataset"
        label="Data set"
        options={TOY_DATASETS.map((d) => ({ value: d, label: TOY_DATASET_INFO[d].name }))}
      />
      <div className="field-grid">
        {variable ? <NumberField path="task.classes" label={classes} /> : null}
        <NumberField path="task.noise" label="Noise" />
        <NumberField path="task.points" label="Points" />
        <NumberField path="task.testFraction" label="Test %" scale={100} />
        <NumberField path="seed" label="Seed" />
      </div>
    </>
  );
}
