/** Numbers derived from a config, shown in the UI and used by the engine. No tfjs. */
import { toyClassCount } from '../tasks/toy2d/datasets';
import type { ExperimentConfig, MlpSpec } from './schema';

/** Layer sizes from input to output, e.g. [2, 48, 48, 3]. */
export const mlpSizes = (spec: MlpSpec, inputs: number, classes: number): number[] => [inputs, ...spec.hidden, classes];

/** Weights and biases of an MLP. */
export function mlpParamCount(spec: MlpSpec, inputs: number, classes: number): number {
  const s = mlpSizes(spec, inputs, classes);
  let n = 0;
  for (let i = 1; i < s.length; i++) n += s[i - 1]! * s[i]! + s[i]!;
  return n;
}

export const classCount = (cfg: ExperimentConfig): number => toyClassCount(cfg.task);

export interface ModelSizes {
  teacher: number;
  student: number;
  /** Teacher parameters per student parameter. */
  compression: number;
}

export function modelSizes(cfg: ExperimentConfig): ModelSizes {
  const classes = classCount(cfg);
  const teacher = mlpParamCount(cfg.teacher.model, 2, classes);
  const student = mlpParamCount(cfg.student, 2, classes);
  return { teacher, student, compression: teacher / student };
}
