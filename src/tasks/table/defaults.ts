import { experiment } from '../../config/common-defaults';
import type { MlpSpec } from '../../config/models';
import type { ExperimentConfig } from '../../config/schema';
import { PENGUINS_READ, PENGUINS_SAMPLE } from './sample';
import type { TableTask } from './schema';

/** An experiment on a table (an MLP teacher trained here, an MLP student). */
export type TableExperiment = ExperimentConfig & {
  task: TableTask;
  teacher: ExperimentConfig['teacher'] & { model: MlpSpec };
  student: MlpSpec;
};

/**
 * The table task opens on the shipped penguins: species from four measurements, the island
 * and the sex (9 features), a 9-32-32-3 teacher trained on the labels and a 9-8-3 student.
 */
export const TABLE_CONFIG: TableExperiment = experiment({
  task: {
    kind: 'table',
    dataset: PENGUINS_SAMPLE,
    labelColumn: PENGUINS_READ.labelColumn,
    missing: 'drop',
    testFraction: 0.3,
    features: PENGUINS_READ.features,
    classes: PENGUINS_READ.classes,
    classNames: PENGUINS_READ.classNames,
  },
  teacher: { model: { kind: 'mlp', hidden: [32, 32], activation: 'relu' }, trainSteps: 400, lr: 0.01 },
  student: { kind: 'mlp', hidden: [8], activation: 'tanh' },
  train: { lr: 0.01, batchSize: 64, steps: 2000 },
});
