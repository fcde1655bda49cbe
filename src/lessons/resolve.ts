/**
 * Each step of a lesson as the experiment it runs. A step's patch is applied the way a link's
 * settings are (share/codec.ts): on a copy of its base, one dotted path at a time, never through
 * a prototype and never growing a list, then repaired field by field (share/repair.ts), so a bad
 * value in a lesson gets the message a bad link gets and the default in its place.
 *
 * The base of a step is its preset's experiment when it names one, else the previous step's
 * experiment (the first step's: the default), or, when the patch names another task kind, that
 * task's default. Steps, the planned steps, is the checkpoint's: the run stops there by itself
 * (the cap, for a metric condition).
 */
import { getPreset } from '../config/presets';
import type { ExperimentConfig } from '../config/schema';
import { FORBIDDEN_KEYS, ownGet, setPath, type Obj } from '../share/diff';
import { Notices, clip } from '../share/notices';
import { defaultsByKind, repair } from '../share/repair';
import type { Lesson, LessonStep, RunUntil } from './schema';

export interface ResolvedStep {
  /** The experiment of this checkpoint, valid, with Steps at the checkpoint (or its cap). */
  config: ExperimentConfig;
  /** The step chose a ready-made experiment: its run starts afresh, as a chosen preset does. */
  fresh: boolean;
}

export interface ResolvedLesson {
  steps: ResolvedStep[];
  /** What had to be repaired, step by step ("Step 2: Learning rate: …"). */
  notices: string[];
}

/** The step a condition runs to at most: its step, or its cap. */
export const untilStep = (until: RunUntil): number => ('steps' in until ? until.steps : until.cap);

export function resolveLesson(lesson: Lesson, start?: ExperimentConfig): ResolvedLesson {
  const steps: ResolvedStep[] = [];
  const notices: string[] = [];
  let previous: ExperimentConfig = start ?? defaultsByKind(undefined);
  lesson.steps.forEach((step, i) => {
    const said = new Notices();
    const r = resolveStep(step, previous, said);
    notices.push(...said.done().map((n) => `Step ${i + 1}: ${n}`));
    steps.push(r);
    previous = r.config;
  });
  return { steps, notices };
}

/** One step's experiment on top of `previous`; what needed repair goes to `notices`. */
export function resolveStep(step: LessonStep, previous: ExperimentConfig, notices: Notices): ResolvedStep {
  const { preset: presetId, patch = {} } = step.experiment;
  const preset = presetId === undefined ? undefined : getPreset(presetId);
  if (presetId !== undefined && !preset)
    notices.add(`there is no ready-made experiment “${clip(presetId)}”; the step goes on from the one before.`);
  let base: ExperimentConfig = preset?.config ?? previous;
  const kind = patch['task.kind'];
  if (kind !== undefined && kind !== base.task.kind) base = defaultsByKind(kind);
  const config = structuredClone(base) as unknown as Obj;
  for (const [path, value] of Object.entries(patch)) {
    if (path === 'task.kind') continue;
    if (path.split('.').some((k) => FORBIDDEN_KEYS.has(k))) notices.add(`${clip(path)}: not allowed; ignored`);
    else if (ownGet(config, path) === undefined && !parentExists(config, path))
      notices.add(`${clip(path)}: no such setting in this experiment; ignored`);
    else setPath(config, path, structuredClone(value));
  }
  setPath(config, 'train.steps', untilStep(step.until));
  const repaired = repair(config, notices);
  return { config: repaired.config, fresh: Boolean(preset) };
}

/** Whether the object that would hold `path`'s last key exists (a new key in it is fine). */
function parentExists(root: Obj, path: string): boolean {
  const parent = path.split('.').slice(0, -1).join('.');
  const node = parent === '' ? root : ownGet(root, parent);
  return typeof node === 'object' && node !== null && !Array.isArray(node);
}
