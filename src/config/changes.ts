import { deepEqual } from '../lib/equal';
import { forTask } from '../tasks/registry';
import type { ExperimentConfig } from './schema';

/**
 * What an edit costs. `live` edits apply at the next step (learning rate, objective parameters
 * and schedules, even a lane's objective: that lane keeps its weights and restarts its
 * optimiser); `students` restarts every student from its initial weights but keeps the trained
 * teacher; `rebuild` regenerates the data and retrains the teacher.
 */
export type ChangeKind = 'none' | 'live' | 'students' | 'rebuild';

/** The task with its live fields removed, so that only a change that needs new data compares unequal. */
function taskData(task: ExperimentConfig['task']): unknown {
  const live = forTask(task).liveFields;
  return Object.fromEntries(Object.entries(task).filter(([k]) => !live.includes(k)));
}

/**
 * `fresh`: the person chose another experiment (a preset, a task, a saved run to open). That
 * restarts the students even when every difference could apply live: two races that differ
 * only in their lanes' objectives are two experiments, not one run whose lanes switched.
 */
export function classifyChange(prev: ExperimentConfig, next: ExperimentConfig, fresh = false): ChangeKind {
  const kind = classifyEdit(prev, next);
  return fresh && (kind === 'none' || kind === 'live') ? 'students' : kind;
}

function classifyEdit(prev: ExperimentConfig, next: ExperimentConfig): ChangeKind {
  if (deepEqual(prev, next)) return 'none';
  if (
    prev.seed !== next.seed ||
    prev.backend !== next.backend ||
    !deepEqual(taskData(prev.task), taskData(next.task)) ||
    !deepEqual(prev.teacher, next.teacher)
  )
    return 'rebuild';
  if (
    !deepEqual(prev.student, next.student) ||
    prev.lanes.length !== next.lanes.length ||
    prev.train.optimizer !== next.train.optimizer ||
    prev.train.momentum !== next.train.momentum
  )
    return 'students';
  return 'live';
}
