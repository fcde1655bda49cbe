import { defaultParams, getObjective } from '../objectives';
import { DEFAULT_SCHEDULE } from '../objectives/schedule';
import { CONFIG_VERSION, type ExperimentConfig, type Lane } from './schema';

/** A lane running the given objective with its default parameters. */
export function laneFor(objectiveId: string): Lane {
  return {
    objective: objectiveId,
    params: defaultParams(getObjective(objectiveId)),
    schedule: { ...DEFAULT_SCHEDULE },
  };
}

/**
 * The experiment a new visitor sees: a three-armed spiral, a 2-48-48-3 teacher and a
 * 2-10-3 student (about 20× fewer parameters), Hinton KD at T = 4, α = 0.9.
 */
export const DEFAULT_CONFIG: ExperimentConfig = {
  version: CONFIG_VERSION,
  seed: 42,
  task: { kind: 'toy2d', dataset: 'spiral', classes: 3, noise: 0.15, points: 900, testFraction: 0.3 },
  teacher: { model: { kind: 'mlp', hidden: [48, 48], activation: 'relu' }, trainSteps: 600, lr: 0.01 },
  student: { kind: 'mlp', hidden: [10], activation: 'tanh' },
  lanes: [laneFor('hinton')],
  train: {
    optimizer: 'adam',
    lr: 0.02,
    momentum: 0.9,
    batchSize: 64,
    steps: 3000,
    stepsPerFrame: 5,
    evalEvery: 10,
    teacherCache: true,
  },
  backend: 'auto',
};
