/**
 * What every task's default experiment starts from: the seed, one Hinton lane, the optimiser
 * and the loop's pacing. Each task's defaults (src/tasks/<kind>/defaults.ts) name their data
 * and models and override the rest.
 */
import { laneFor } from './lanes';
import type { ExperimentConfig } from './schema';
import { CONFIG_VERSION } from './version';

export const COMMON_TRAIN: ExperimentConfig['train'] = {
  optimizer: 'adam',
  lr: 0.02,
  momentum: 0.9,
  batchSize: 64,
  steps: 3000,
  stepsPerFrame: 5,
  evalEvery: 10,
  teacherCache: true,
};

type Parts = Pick<ExperimentConfig, 'task' | 'teacher' | 'student'> & {
  lanes?: ExperimentConfig['lanes'];
  train?: Partial<ExperimentConfig['train']>;
};

/**
 * A complete experiment from a task's parts, its keys always in the same order (a link's
 * payload is the JSON of a diff, so key order is part of what a link looks like).
 */
export function experiment<P extends Parts>(parts: P): ExperimentConfig & Pick<P, 'task' | 'teacher' | 'student'> {
  return {
    version: CONFIG_VERSION,
    seed: 42,
    task: parts.task,
    teacher: parts.teacher,
    student: parts.student,
    lanes: parts.lanes ?? [laneFor('hinton')],
    train: { ...COMMON_TRAIN, ...parts.train },
    backend: 'auto',
  };
}
