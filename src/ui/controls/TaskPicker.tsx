/** Switches between the task kinds; each starts from its default experiment. */
import { useId } from 'react';
import { TASK_DEFAULTS } from '../../config/defaults';
import { validateConfig, type ExperimentConfig } from '../../config/schema';
import { useConfigStore } from '../../state/config';
import { useControlHidden } from './fields';

const TASK_LABELS: Record<ExperimentConfig['task']['kind'], string> = {
  toy2d: 'Toy 2D classification',
  images: 'Images: Fashion-MNIST',
  text: 'Text: Moby-Dick, character by character',
};

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
          const { config, replace } = useConfigStore.getState();
          const base = TASK_DEFAULTS[e.target.value as ExperimentConfig['task']['kind']];
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
        {Object.entries(TASK_LABELS).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}
