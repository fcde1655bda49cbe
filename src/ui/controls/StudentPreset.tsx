/** A preset picker over a task's ready-made students; "Custom" once a field is edited. */
import { deepEqual } from '../../lib/equal';
import { useConfigStore } from '../../state/config';

export function StudentPreset({ presets }: { presets: Record<string, { label: string; spec: unknown }> }) {
  const student = useConfigStore((s) => s.config.student);
  const preset = Object.entries(presets).find(([, p]) => deepEqual(p.spec, student))?.[0] ?? '';
  return (
    <div className="field">
      <label htmlFor="student-preset">Student preset</label>
      <select
        id="student-preset"
        value={preset}
        onChange={(e) => {
          const p = presets[e.target.value];
          if (p) useConfigStore.getState().update('student', p.spec);
        }}
      >
        <option value="">Custom</option>
        {Object.entries(presets).map(([key, p]) => (
          <option key={key} value={key}>
            {p.label}
          </option>
        ))}
      </select>
    </div>
  );
}
