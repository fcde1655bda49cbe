/** The activation of a model the studio builds (teacher or student), by its config path. */
import { ACTIVATIONS } from '../../config/schema';
import { SelectField } from './fields';

const ACTIVATION_OPTIONS = ACTIVATIONS.map((a) => ({ value: a, label: a }));

export function ActivationField({ path }: { path: string }) {
  return <SelectField path={path} label="Activation" options={ACTIVATION_OPTIONS} />;
}
