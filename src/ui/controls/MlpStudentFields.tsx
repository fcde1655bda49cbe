/** The student of a feature-vector task (toy points, a table): an MLP's hidden widths (none: a linear model) and activation. */
import { ActivationField } from './ActivationField';
import { WidthsField } from './fields';

export function MlpStudentFields() {
  return (
    <div className="field-grid">
      <WidthsField path="student.hidden" label="Hidden widths" hint="Empty = linear" />
      <ActivationField path="student.activation" />
    </div>
  );
}
