/**
 * Authoring in the app: "Add a checkpoint here" turns what is on screen into a lesson step. The
 * experiment is recorded as a patch against the step before it (or the default experiment for
 * the first), so a lesson says only what changes; Steps is left out (the checkpoint's step is
 * the run-until). Pure.
 */
import type { ExperimentConfig } from '../config/schema';
import { diffPaths } from '../share/diff';
import { defaultsByKind } from '../share/repair';
import { resolveLesson } from './resolve';
import { LESSON_FORMAT, type Lesson, type LessonStep } from './schema';
import type { LessonView } from './views';

export interface CheckpointInput {
  config: ExperimentConfig;
  /** The run's step now: the checkpoint runs until it. */
  step: number;
  view: LessonView;
  note: string;
  title?: string;
}

/** A new, empty draft. */
export const emptyDraft = (): Lesson => ({
  format: LESSON_FORMAT,
  title: 'My lesson',
  summary: 'What this lesson shows.',
  steps: [],
});

/** The experiment of the draft's last step, as it would run; the default when it has none. */
export function lastExperiment(draft: Lesson): ExperimentConfig {
  if (!draft.steps.length) return defaultsByKind(undefined);
  return resolveLesson(draft).steps.at(-1)!.config;
}

/** The patch that turns `previous` into `config`, Steps aside. */
export function patchBetween(previous: ExperimentConfig, config: ExperimentConfig): Record<string, unknown> {
  const kind = config.task.kind;
  const base = kind === previous.task.kind ? previous : defaultsByKind(kind);
  const entries = diffPaths(base, config).filter(([path]) => path !== 'train.steps' && path !== 'train');
  // A whole `train` section (it lacked a key) is recorded field by field, Steps aside.
  if (diffPaths(base, config).some(([path]) => path === 'train'))
    for (const [k, v] of Object.entries(config.train)) if (k !== 'steps') entries.push([`train.${k}`, v]);
  if (kind !== previous.task.kind) entries.unshift(['task.kind', kind]);
  return Object.fromEntries(entries);
}

/** The draft with a checkpoint added at the end (the draft itself is not changed). */
export function addCheckpoint(draft: Lesson, input: CheckpointInput): Lesson {
  const patch = patchBetween(lastExperiment(draft), input.config);
  const step: LessonStep = {
    title: input.title?.trim() || `Checkpoint ${draft.steps.length + 1}`,
    experiment: Object.keys(patch).length ? { patch } : {},
    until: { steps: Math.max(1, input.step) },
    note: { view: input.view, text: input.note.trim() || 'Look here.' },
  };
  return { ...draft, steps: [...draft.steps, step] };
}
