/**
 * How the control panel labels the field at a config path, for the messages said away from the
 * field: a link's notices, the budget's advice. "train.batchSize" is “Batch size”,
 * "teacher.trainSteps" is “Teacher › Training steps” (its section, then its label),
 * "task.classes" of a spiral is “Arms”, "lanes.1.params.T" is “Student 2 › Temperature T”. A
 * task's own fields are labelled by the task (TaskDef.fieldLabels). The panel's sources are
 * held to these labels by a test (ui/controls/field-messages.test.ts). No tfjs.
 *
 * The config may be anything (a link being repaired): it is only read where it is an object.
 */
import { getObjective, hasObjective } from '../objectives';
import { isTaskKind, taskDef } from '../tasks/registry';

export interface FieldName {
  /** The panel section it sits in, when its label alone would be ambiguous. */
  section?: string;
  label: string;
  /** Shown ×scale (a fraction in percent: 100). */
  scale: number;
}

const TOP: Readonly<Record<string, string>> = {
  version: 'Settings version',
  'task.kind': 'Task',
  seed: 'Seed',
  backend: 'Backend',
  'train.optimizer': 'Optimizer',
  'train.lr': 'Learning rate',
  'train.momentum': 'Momentum',
  'train.batchSize': 'Batch size',
  'train.steps': 'Steps',
  'train.stepsPerFrame': 'Steps per frame',
  'train.evalEvery': 'Evaluate every',
  'train.teacherCache': 'Cache teacher outputs',
};

/** The sections a whole group of settings is named by. */
const SECTIONS: Readonly<Record<string, string>> = {
  task: 'Data',
  teacher: 'Teacher',
  'teacher.model': 'Teacher',
  student: 'Student',
  train: 'Training',
  lanes: 'Students and objectives',
};

const TEACHER: Readonly<Record<string, string>> = {
  trainSteps: 'Training steps',
  lr: 'Learning rate',
  assistant: 'Assistant',
  'assistant.hidden': 'Assistant widths',
  'assistant.steps': 'Assistant steps',
  distilled: 'Small teacher',
  'distilled.layers': 'Small teacher layers',
  'distilled.width': 'Small teacher width',
  'distilled.heads': 'Small teacher heads',
  'distilled.steps': 'Small teacher steps',
  ensemble: 'Several teachers',
  'ensemble.mix': 'Mix',
};

const SCHEDULE: Readonly<Record<string, string>> = {
  temperature: 'T schedule',
  temperatureEnd: 'Final T',
  warmup: 'KD warm-up steps',
};

/** A model's fields (teacher or student); a CNN's dense layers are its "Dense widths" as a student. */
function modelLabel(key: string, kind: unknown, student: boolean): string | undefined {
  if (key === 'hidden') return student && kind === 'cnn' ? 'Dense widths' : 'Hidden widths';
  return {
    filters: 'Conv filters',
    layers: 'Layers',
    width: 'Width',
    heads: 'Heads',
    window: 'Window (characters)',
    embed: 'Embedding width',
    activation: 'Activation',
    kind: 'Model',
    id: 'Size',
  }[key];
}

const read = (obj: unknown, keys: string[]): unknown =>
  keys.reduce<unknown>(
    (o, k) =>
      o !== null && typeof o === 'object' && Object.hasOwn(o, k) ? (o as Record<string, unknown>)[k] : undefined,
    obj,
  );

const named = (label: string, section?: string, scale = 1): FieldName => ({
  label,
  scale,
  ...(section && { section }),
});

/** The field at `path` as the panel names it; undefined for a path it shows no field for. */
export function fieldName(cfg: unknown, path: string): FieldName | undefined {
  const segs = path.split('.');
  if (TOP[path]) return named(TOP[path]);
  if (SECTIONS[path]) return named(`${SECTIONS[path]} settings`);
  const [head, ...rest] = segs;
  const key = rest.join('.');
  if (head === 'task') {
    const task = read(cfg, ['task']);
    const kind = read(task, ['kind']);
    if (!isTaskKind(kind)) return undefined;
    const f = taskDef(kind).fieldLabels[key];
    if (!f) return undefined;
    // A label that depends on the task reads it: only where the task is what the schema says.
    const label = typeof f.label === 'string' ? f.label : f.label(task as Parameters<typeof f.label>[0]);
    return named(label, undefined, f.scale);
  }
  if (head === 'teacher') {
    if (TEACHER[key]) return named(TEACHER[key], 'Teacher');
    if (rest[0] === 'model' && rest.length === 2) {
      const label = modelLabel(rest[1]!, read(cfg, ['teacher', 'model', 'kind']), false);
      return label ? named(label, 'Teacher') : undefined;
    }
    return undefined;
  }
  if (head === 'student' && rest.length === 1) {
    const label = modelLabel(rest[0]!, read(cfg, ['student', 'kind']), true);
    return label ? named(label, 'Student') : undefined;
  }
  if (head === 'lanes' && /^\d+$/.test(rest[0] ?? '')) return laneField(cfg, Number(rest[0]), rest.slice(1));
  return undefined;
}

/** A student lane's fields, in the section named after it ("Student 2"). */
function laneField(cfg: unknown, lane: number, keys: string[]): FieldName | undefined {
  const section = `Student ${lane + 1}`;
  if (keys.length === 0) return named('Objective and its settings', section);
  if (keys.length === 1 && keys[0] === 'objective') return named('Objective', section);
  if (keys.length === 1 && keys[0] === 'schedule') return named('Schedules', section);
  if (keys.length === 1 && keys[0] === 'teacherTopK') return named('Teacher top k', section);
  if (keys.length === 1 && keys[0] === 'missingProbability') return named('Missing probability', section);
  if (keys.length === 2 && keys[0] === 'schedule' && SCHEDULE[keys[1]!]) return named(SCHEDULE[keys[1]!]!, section);
  if (keys.length === 2 && keys[0] === 'params') {
    const objective = read(cfg, ['lanes', String(lane), 'objective']);
    if (typeof objective !== 'string' || !hasObjective(objective)) return undefined;
    const p = getObjective(objective).params.find((x) => x.key === keys[1]);
    return p ? named(p.label, section) : undefined;
  }
  return undefined;
}

/** A field's name in running text: “Batch size”, “Teacher › Training steps”. */
export const fieldText = (f: FieldName): string => `“${f.section ? `${f.section} › ` : ''}${f.label}”`;
