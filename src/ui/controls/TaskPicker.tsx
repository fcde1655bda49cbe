/** Switches between the task kinds; each starts from its default experiment. */
import { useId } from 'react';
import { validateConfig } from '../../config/schema';
import { useConfigStore } from '../../state/config';
import { ALL_TASKS, isTaskKind, taskDef } from '../../tasks/registry';
import { useControlHidden } from './fields';

export function TaskPicker() {
  const id = useId();
  const kind = useConfigStore((s) => s.config.task.kind);
  if (useControlHidden('task.kind')) return null;
  return (
    <div className="field" data-path="task.kind">
      <label htmlFor={id}>Task</label>
      <select
        id={id}
        value={kind}
        onChange={(e) => {
          if (!isTaskKind(e.target.value)) return;
          const { config, replace } = useConfigStore.getState();
          const base = taskDef(e.target.value).defaults;
          // Keep the race (objectives), the seed and the backend where the new models allow them.
          // A lane with the new task's default objective takes that task's settings for it
          // (Hinton KD is T = 4 on toy tasks but T = 1 on characters).
          const lanes = config.lanes.map((lane) => {
            const own = base.lanes.find((b) => b.objective === lane.objective);
            return own ? { ...lane, params: { ...lane.params, ...own.params } } : lane;
          });
          const keep = { ...base, seed: config.seed, backend: config.backend, lanes };
          replace(validateConfig(keep).ok ? keep : { ...base, seed: config.seed, backend: config.backend }, {
            fresh: true,
          });
        }}
      >
        {ALL_TASKS.map((t) => (
          <option key={t.kind} value={t.kind}>
            {t.label}
          </option>
        ))}
      </select>
    </div>
  );
}
