/** The image task's student: a preset, or an MLP's or a CNN's widths and activation. */
import { fieldName } from '../../../config/field-labels';
import { useConfigStore } from '../../../state/config';
import { ActivationField } from '../../../ui/controls/ActivationField';
import { WidthsField } from '../../../ui/controls/fields';
import { StudentPreset } from '../../../ui/controls/StudentPreset';
import { IMAGE_STUDENTS } from '../defaults';

export function ImageStudentFields() {
  const kind = useConfigStore((s) => s.config.student.kind);
  // A CNN's dense layers are its "Dense widths": the label messages elsewhere use too.
  const hidden = useConfigStore((s) => fieldName(s.config, 'student.hidden')?.label ?? 'Hidden widths');
  return (
    <>
      <StudentPreset presets={IMAGE_STUDENTS} />
      <div className="field-grid">
        {kind === 'cnn' ? <WidthsField path="student.filters" label="Conv filters" /> : null}
        <WidthsField path="student.hidden" label={hidden} hint="Empty = none" />
        <ActivationField path="student.activation" />
      </div>
    </>
  );
}
