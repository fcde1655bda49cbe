/**
 * The teacher assistant (Mirzadeh et al., 2020): on, an MLP between teacher and student in size
 * is distilled from the teacher before the lanes start, and the lanes learn from it instead.
 */
import { useId } from 'react';
import { useConfigStore } from '../../state/config';
import { NumberField, WidthsField } from './fields';

/** What turning it on starts from: a 64-unit MLP, 1,000 steps of soft targets. */
const DEFAULT_ASSISTANT = { hidden: [64], steps: 1000 };

export function AssistantFields() {
  const id = useId();
  const teacher = useConfigStore((s) => s.config.teacher);
  const on = teacher.assistant !== undefined;
  return (
    <>
      <div className="field field-toggle" data-path="teacher.assistant">
        <input
          id={id}
          type="checkbox"
          checked={on}
          onChange={(e) => {
            const { assistant: _, ...rest } = useConfigStore.getState().config.teacher;
            useConfigStore
              .getState()
              .update('teacher', e.target.checked ? { ...rest, assistant: { ...DEFAULT_ASSISTANT } } : rest);
          }}
        />
        <label htmlFor={id}>Teacher assistant</label>
        <p className="field-hint">
          Distil an MLP from the teacher first (T = 4, every training image); the students learn from it instead
          (Mirzadeh et al., 2020).
        </p>
      </div>
      {on ? (
        <div className="field-grid">
          <WidthsField path="teacher.assistant.hidden" label="Assistant widths" />
          <NumberField path="teacher.assistant.steps" label="Assistant steps" />
        </div>
      ) : null}
    </>
  );
}
