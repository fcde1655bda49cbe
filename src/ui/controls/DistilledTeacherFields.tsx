/**
 * Text teacher hacking's three models: on, a small transformer is distilled from the shipped one
 * before the lanes start and teaches them, while the shipped one stays as the oracle of the golden
 * distance. The readout is the prepared teacher's own distance to the oracle, once it is built.
 */
import { useId } from 'react';
import { useConfigStore } from '../../state/config';
import { useRunStore } from '../../state/run';
import { NumberField } from './fields';

/** What turning it on starts from: the three-model preset's 2×48 teacher, 300 steps. */
const DEFAULT_DISTILLED = { layers: 2, width: 48, heads: 4, steps: 300 };

export function DistilledTeacherFields() {
  const id = useId();
  const on = useConfigStore((s) => s.config.teacher.distilled !== undefined);
  const gap = useRunStore((s) => s.session?.teacherGolden);
  const params = useRunStore((s) => s.session?.teacher.params);
  return (
    <>
      <div className="field field-toggle" data-path="teacher.distilled">
        <input
          id={id}
          type="checkbox"
          checked={on}
          onChange={(e) => {
            const { distilled: _, ...rest } = useConfigStore.getState().config.teacher;
            useConfigStore
              .getState()
              .update('teacher', e.target.checked ? { ...rest, distilled: { ...DEFAULT_DISTILLED } } : rest);
          }}
        />
        <label htmlFor={id}>Distil a small teacher first</label>
        <p className="field-hint">
          The shipped transformer becomes the oracle; a small one distilled from it (forward KL, T = 1, corpus windows)
          teaches the students (teacher hacking with three models).
        </p>
      </div>
      {on ? (
        <>
          <div className="field-grid">
            <NumberField path="teacher.distilled.layers" label="Small teacher layers" />
            <NumberField path="teacher.distilled.width" label="Small teacher width" />
            <NumberField path="teacher.distilled.heads" label="Small teacher heads" />
            <NumberField path="teacher.distilled.steps" label="Small teacher steps" />
          </div>
          {gap !== undefined ? (
            <p className="field-hint" data-testid="distilled-readout">
              Prepared: {params?.toLocaleString('en-US')} weights, KL(oracle‖teacher) {gap.toPrecision(3)} per held-out
              character.
            </p>
          ) : null}
        </>
      ) : null}
    </>
  );
}
