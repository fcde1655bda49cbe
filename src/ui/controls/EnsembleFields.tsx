/**
 * Several teachers (issue 17 §5): on, the shipped Fashion-MNIST teachers are mixed into the one
 * the lanes learn from; the mix decides how each row weighs them (src/lib/ensemble.ts).
 */
import { useId } from 'react';
import { FASHION_TEACHERS } from '../../config/models';
import { useConfigStore } from '../../state/config';
import { SelectField } from './fields';

const MIX_OPTIONS = [
  { value: 'average', label: 'Average of their probabilities' },
  { value: 'confidence', label: 'Weighted by each one’s confidence' },
  { value: 'per-example', label: 'Per example, the most confident' },
] as const;

export function EnsembleFields() {
  const id = useId();
  const teacher = useConfigStore((s) => s.config.teacher);
  const main = teacher.model;
  if (main.kind !== 'pretrained' || !(FASHION_TEACHERS as readonly string[]).includes(main.id)) return null;
  const others = FASHION_TEACHERS.filter((t) => t !== main.id);
  const on = teacher.ensemble !== undefined;
  return (
    <>
      <div className="field field-toggle" data-path="teacher.ensemble">
        <input
          id={id}
          type="checkbox"
          checked={on}
          onChange={(e) => {
            const { ensemble: _, ...rest } = useConfigStore.getState().config.teacher;
            const ensemble = {
              with: others.map((t) => ({ kind: 'pretrained' as const, id: t })),
              mix: 'average' as const,
            };
            useConfigStore.getState().update('teacher', e.target.checked ? { ...rest, ensemble } : rest);
          }}
        />
        <label htmlFor={id}>Several teachers</label>
        <p className="field-hint">
          Mix this teacher with {others.join(' and ')}: the students learn from the mix (its accuracy is the teacher’s
          readout).
        </p>
      </div>
      {on ? <SelectField path="teacher.ensemble.mix" label="Mix" options={MIX_OPTIONS} /> : null}
    </>
  );
}
