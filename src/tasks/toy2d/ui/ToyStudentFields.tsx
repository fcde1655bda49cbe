/** The toy task's student: an MLP's hidden widths (none: a linear model) and activation. */
import { ActivationField } from '../../../ui/controls/ActivationField';
import { WidthsField } from '../../../ui/controls/fields';

export function ToyStudentFields() {
  return (
    <div className="field-grid">
      <WidthsField path="student.hidden" label="Hidden widths" hint="Empty = linear" />
      <ActivationField path="student.activation" />
    </div>
  );
}
