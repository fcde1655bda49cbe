/** The default experiment of every task, from the task registry; the first task's is the app's. */
import { ALL_TASKS, DEFAULT_TASK_KIND, taskDef, type TaskKind } from '../tasks/registry';
import type { ExperimentConfig } from './schema';

export { laneFor } from './lanes';

/** The default experiment of each task kind (the task picker switches between them). */
export const TASK_DEFAULTS = Object.fromEntries(ALL_TASKS.map((t) => [t.kind, t.defaults])) as Record<
  TaskKind,
  ExperimentConfig
>;

/** The experiment a new visitor sees. */
export const DEFAULT_CONFIG: ExperimentConfig = taskDef(DEFAULT_TASK_KIND).defaults;
