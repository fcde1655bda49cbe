/**
 * Numbers derived from a config through its task, shown in the UI and used by the engine.
 * No tfjs. The model arithmetic itself is in ./sizes.ts.
 */
import { forTask } from '../tasks/registry';
import type { ExperimentConfig, StudentSpec, Task, TeacherModelSpec } from './schema';
import { specSize, type ModelSize } from './sizes';

export { cnnShapes, layersMacs, type LayerSummary, type ModelSize } from './sizes';

/** One example's input shape for this config (text: its context, in characters). */
export function inputShapeOf(cfg: Pick<ExperimentConfig, 'task'>): number[] {
  return forTask(cfg.task).inputShape(cfg.task);
}

/** The teacher's classes. */
export function classCount(cfg: Pick<ExperimentConfig, 'task'>): number {
  return forTask(cfg.task).classes(cfg.task);
}

/** The student's classes: the teacher's, except a text student with its own vocabulary. */
export function studentClassCount(cfg: Pick<ExperimentConfig, 'task'>): number {
  return forTask(cfg.task).studentClasses(cfg.task);
}

/**
 * Parameters and multiply-adds of a student or a trained teacher on this task (pretrained ones
 * are measured by the worker). Text models count per predicted character, at full context.
 */
export function modelSize(spec: StudentSpec | TeacherModelSpec, task: Task, classes: number): ModelSize | null {
  return specSize(spec, forTask(task).inputShape(task), classes);
}

/** The fully known sizes of a config's models (teacher null when it is pretrained). */
export function modelSizes(cfg: ExperimentConfig): { teacher: ModelSize | null; student: ModelSize } {
  return {
    teacher: modelSize(cfg.teacher.model, cfg.task, classCount(cfg)),
    student: modelSize(cfg.student, cfg.task, studentClassCount(cfg)) ?? { params: NaN, macs: NaN },
  };
}
