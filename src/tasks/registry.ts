/**
 * The pure task registry: every task the studio knows, in the order the task picker lists them.
 * The config schema's task union, the default experiments, the presets and the labels all
 * derive from here. Adding a task: its folder, one line in each of the two lists below, its
 * engine part in ./engine.ts, its UI part in ./ui.tsx, and its frozen link base in
 * src/share/bases.ts.
 */
import type { z } from '../config/zod';
import { imagefolder } from './imagefolder';
import { oracle } from './oracle';
import { OracleTask } from './oracle/schema';
import { ImageFolderTask } from './imagefolder/schema';
import { images } from './images';
import { table } from './table';
import { TableTask } from './table/schema';
import { ImageTask } from './images/schema';
import { text } from './text';
import { TextTask } from './text/schema';
import { textfile } from './textfile';
import { TextfileTask } from './textfile/schema';
import { toy2d } from './toy2d';
import { Toy2dTask } from './toy2d/schema';
import type { TaskDef } from './types';

/** Each task's piece of the config schema (the first is the default task). */
export const TASK_SCHEMAS = [
  Toy2dTask,
  ImageTask,
  TextTask,
  TableTask,
  ImageFolderTask,
  TextfileTask,
  OracleTask,
] as const;

/** Each task's definition, by kind. */
const DEFS = { toy2d, images, text, table, imagefolder, textfile, oracle } satisfies {
  [K in TaskKind]: TaskDef<Extract<AnyTask, { kind: K }>, unknown>;
};

export type AnyTask = z.infer<(typeof TASK_SCHEMAS)[number]>;
export type TaskKind = AnyTask['kind'];
export type TaskOf<K extends TaskKind> = Extract<AnyTask, { kind: K }>;
export type TaskPreview = ReturnType<(typeof DEFS)[TaskKind]['preview']>;

export const TASK_KINDS = TASK_SCHEMAS.map((s) => s.shape.kind.value) as TaskKind[];
export const DEFAULT_TASK_KIND: TaskKind = TASK_KINDS[0]!;

export const isTaskKind = (kind: unknown): kind is TaskKind => (TASK_KINDS as unknown[]).includes(kind);

/** The definition of a task kind (or of the task a config names). */
export function taskDef<K extends TaskKind>(kind: K): TaskDef<TaskOf<K>, TaskPreview>;
export function taskDef(kind: TaskKind): TaskDef<AnyTask, TaskPreview>;
export function taskDef(kind: TaskKind): TaskDef<AnyTask, TaskPreview> {
  const def = DEFS[kind] as unknown as TaskDef<AnyTask, TaskPreview> | undefined;
  if (!def) throw new Error(`Unknown task kind “${String(kind)}”`);
  return def;
}

/** The task of a config, with its definition: `forTask(cfg.task).inputShape(cfg.task)`. */
export const forTask = (task: AnyTask): TaskDef<AnyTask, TaskPreview> => taskDef(task.kind);

export const ALL_TASKS: readonly TaskDef<AnyTask, TaskPreview>[] = TASK_KINDS.map((k) => taskDef(k));
