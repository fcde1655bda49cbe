/** The text student's vocabulary: the teacher's characters, or a coarser set of its own. */
import { useId } from 'react';
import { laneFor } from '../../../config/defaults';
import { signalContext } from '../../../config/schema';
import { getObjective, unavailableReason } from '../../../objectives';
import { useConfigStore } from '../../../state/config';
import { STUDENT_VOCABS, type StudentVocabKind } from '../student-vocab';

const STUDENT_VOCAB_LABELS: Record<StudentVocabKind, string> = {
  shared: 'The teacher’s 49 characters',
  coarse: 'Its own 30: digits as #, punctuation as .',
};

/**
 * The student's vocabulary. Objectives that compare the two models character by character
 * cannot cross vocabularies, so choosing a vocabulary of its own moves those lanes to ULD.
 */
export function StudentVocabField() {
  const id = useId();
  const value = useConfigStore((s) => (s.config.task.kind === 'text' ? s.config.task.studentVocab : 'shared'));
  return (
    <div className="field">
      <label htmlFor={id}>Student vocabulary</label>
      <select
        id={id}
        value={value}
        onChange={(e) => {
          const { config, replace } = useConfigStore.getState();
          if (config.task.kind !== 'text') return;
          const task = { ...config.task, studentVocab: e.target.value as StudentVocabKind };
          const ctx = signalContext({ ...config, task });
          const lanes = config.lanes.map((l) =>
            unavailableReason(getObjective(l.objective), ctx) ? laneFor('uld') : l,
          );
          replace({ ...config, task, lanes });
        }}
      >
        {STUDENT_VOCABS.map((v) => (
          <option key={v} value={v}>
            {STUDENT_VOCAB_LABELS[v]}
          </option>
        ))}
      </select>
      <p className="field-hint">Its own vocabulary: cross-vocabulary distillation, with ULD (Boizard et al. 2024)</p>
    </div>
  );
}
