import { experiment } from '../../config/common-defaults';
import { forwardKl } from '../../config/lanes';
import type { MlpSpec } from '../../config/models';
import type { ExperimentConfig } from '../../config/schema';
import type { OracleTask } from './schema';

export type OracleExperiment = ExperimentConfig & {
  task: OracleTask;
  teacher: ExperimentConfig['teacher'] & { model: MlpSpec };
  student: MlpSpec;
};

/**
 * A 2-64-64-3 oracle at sharpness 5; a 2-32-32-3 teacher trained on 3,000 of its labelled draws
 * (close to the oracle, not equal); two 2-64-64-3 students distilled by forward KL at T = 1, one
 * on a fixed pool of 8 inputs, one on fresh inputs at every step (measured:
 * scripts/oracle/teacher-hacking.ts; README "Teacher hacking").
 */
export const ORACLE_CONFIG: OracleExperiment = experiment({
  task: {
    kind: 'oracle',
    classes: 3,
    oracleWidth: 64,
    sharpness: 5,
    teacherPoints: 3000,
    pool: 8,
    testPoints: 1000,
    laneData: ['pool', 'fresh'],
  },
  teacher: { model: { kind: 'mlp', hidden: [32, 32], activation: 'relu' }, trainSteps: 1500, lr: 0.01 },
  student: { kind: 'mlp', hidden: [64, 64], activation: 'relu' },
  lanes: [forwardKl(), forwardKl()],
  train: { lr: 0.003, batchSize: 32, steps: 6000, stepsPerFrame: 10, evalEvery: 20 },
});
