/**
 * The engine task registry: each task's engine part, by kind (the pure registry, ./registry.ts,
 * lists the kinds). Worker and engine code only: it loads tfjs.
 */
import type { Assets } from '../engine/assets';
import type { TaskData } from '../engine/task-data';
import type { QueryName } from '../worker/protocol';
import type { TaskEngine } from './engine-types';
import { imagefolderEngine } from './imagefolder/engine';
import { imagesEngine } from './images/engine';
import { oracleEngine } from './oracle/engine';
import type { AnyTask, TaskKind, TaskOf } from './registry';
import { tableEngine } from './table/engine';
import { textEngine } from './text/engine';
import { textfileEngine } from './textfile/engine';
import { toy2dEngine } from './toy2d/engine';

const ENGINES: { [K in TaskKind]: TaskEngine<TaskOf<K>> } = {
  toy2d: toy2dEngine,
  images: imagesEngine,
  text: textEngine,
  table: tableEngine,
  imagefolder: imagefolderEngine,
  textfile: textfileEngine,
  oracle: oracleEngine,
};

export function engineFor(task: AnyTask): TaskEngine<AnyTask> {
  const engine = ENGINES[task.kind] as TaskEngine<AnyTask> | undefined;
  if (!engine) throw new Error(`Unknown task kind “${String(task.kind)}”`);
  return engine;
}

/** A task's data on the device. */
export const loadTask = (
  task: AnyTask,
  seed: number,
  assets: Assets | undefined,
  onData?: (done: number, total: number) => void,
): Promise<TaskData> => engineFor(task).load(task, seed, assets, onData);

/** Whether some task answers view query `name` (names arrive over a message channel). */
export const isQueryName = (name: unknown): name is QueryName =>
  Object.values(ENGINES).some((e) => typeof name === 'string' && Object.hasOwn(e.queries ?? {}, name));
