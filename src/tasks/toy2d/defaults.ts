import { experiment } from '../../config/common-defaults';
import type { MlpSpec } from '../../config/models';
import type { ExperimentConfig } from '../../config/schema';
import type { Toy2dTask } from './schema';

/** An experiment on a toy 2D task (teacher and student are MLPs). */
export type ToyExperiment = ExperimentConfig & {
  task: Toy2dTask;
  teacher: ExperimentConfig['teacher'] & { model: MlpSpec };
  student: MlpSpec;
};

/**
 * The experiment a new visitor sees: a three-armed spiral, a 2-48-48-3 teacher and a
 * 2-10-3 student (about 40× fewer parameters), Hinton KD at T = 4, α = 0.9.
 */
export const TOY_CONFIG: ToyExperiment = experiment({
  task: { kind: 'toy2d', dataset: 'spiral', classes: 3, noise: 0.15, points: 900, testFraction: 0.3 },
  teacher: { model: { kind: 'mlp', hidden: [48, 48], activation: 'relu' }, trainSteps: 600, lr: 0.01 },
  student: { kind: 'mlp', hidden: [10], activation: 'tanh' },
});
