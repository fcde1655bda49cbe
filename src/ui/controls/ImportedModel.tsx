/** An imported teacher or student: what it is, and the way back to the task's own model. */
import { TASK_DEFAULTS } from '../../config/defaults';
import type { ImportedSpec } from '../../config/schema';
import { useConfigStore } from '../../state/config';

export function ImportedModel({ role, spec }: { role: 'teacher' | 'student'; spec: ImportedSpec }) {
  const kind = useConfigStore((s) => s.config.task.kind);
  const restore = () => {
    const defaults = TASK_DEFAULTS[kind];
    const { update } = useConfigStore.getState();
    if (role === 'teacher') update('teacher', defaults.teacher);
    else update('student', defaults.student);
  };
  return (
    <div className="imported-model">
      <p>
        Imported <strong>{spec.name}</strong> · {spec.params.toLocaleString('en-US')} parameters · weights{' '}
        <code className="imported-hash">{spec.hash}</code>
      </p>
      <button type="button" className="btn btn-small" onClick={restore}>
        Use the task’s own {role}
      </button>
    </div>
  );
}
