/**
 * The image-folder task's Data fields: where the images come from (a zip or a dropped folder,
 * or the shipped sample), what the worker read in them (classes, count, skipped files), the size
 * and channels they are resized to, the test and labelled shares, and the transfer-set controls
 * every image task shares.
 */
import { useConfigStore } from '../../../state/config';
import { applyDataTask, useDataSummary, useDataTaskRefresh } from '../../../state/data-task';
import { NumberField, SelectField } from '../../../ui/controls/fields';
import { DatasetSource } from '../../../ui/data/DatasetSource';
import { AugmentGridFields, AugmentToggles } from '../../images/ui/AugmentFields';
import { IMAGEFOLDER_SAMPLE } from '../defaults';
import { packFolder } from './pack';

const SAMPLES = [IMAGEFOLDER_SAMPLE];

function listNames(names: readonly string[]): string {
  const shown = names.slice(0, 8).join(', ');
  return names.length > 8 ? `${shown} and ${names.length - 8} more` : shown;
}

export function FolderDataFields() {
  const task = useConfigStore((s) => s.config.task);
  useDataTaskRefresh(task);
  const summary = useDataSummary(task);
  if (task.kind !== 'imagefolder') return null;
  return (
    <>
      <DatasetSource
        kind="imagefolder"
        what="a zip of class folders"
        accept=".zip,application/zip"
        current={task.dataset}
        samples={SAMPLES}
        pack={packFolder}
        use={(ref) => applyDataTask({ ...task, dataset: ref })}
      />
      <p className="field-hint">
        One folder per class (cats/1.png, dogs/2.jpg, …), PNG, JPEG or WebP; at least 5 images per class.
      </p>
      <p className="field-hint imagefolder-summary" aria-label="Images read">
        {task.images.toLocaleString('en-US')} images in {task.classes} classes: {listNames(task.classNames)}.
      </p>
      {summary?.notices.map((n) => (
        <p key={n} className="field-hint" role="note">
          {n}
        </p>
      ))}
      <div className="field-grid">
        <SelectField
          path="task.size"
          label="Image size"
          numeric
          options={[
            { value: '28', label: '28×28' },
            { value: '32', label: '32×32' },
          ]}
        />
        <SelectField
          path="task.channels"
          label="Channels"
          numeric
          options={[
            { value: '1', label: 'Grey' },
            { value: '3', label: 'Colour (RGB)' },
          ]}
        />
        <NumberField path="task.testFraction" label="Test %" scale={100} hint="Held out, stratified by class" />
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
