import { deepEqual } from '../lib/equal';
import type { ExperimentConfig } from './schema';

/**
 * What an edit costs. `live` edits apply at the next step (learning rate, objective parameters
 * and schedules, even a lane's objective: that lane keeps its weights and restarts its
 * optimiser); `students` restarts every student from its initial weights but keeps the trained
 * teacher; `rebuild` regenerates the data and retrains the teacher.
 */
export type ChangeKind = 'none' | 'live' | 'students' | 'rebuild';

export function classifyChange(prev: ExperimentConfig, next: ExperimentConfig): ChangeKind {
  if (deepEqual(prev, next)) return 'none';
  if (
    prev.seed !== next.seed ||
    prev.backend !== next.backend ||
    !deepEqual(prev.task, next.task) ||
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
