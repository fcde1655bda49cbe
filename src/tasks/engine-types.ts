/**
 * What a task is in the engine: how its data comes onto the device, and the view queries it
 * answers. Each task folder's engine/index.ts exports one; ./engine.ts lists them.
 */
import type { Assets } from '../engine/assets';
import type { ExperimentConfig } from '../config/schema';
import type { TaskData } from '../engine/task-data';
import type { Session } from '../engine/session';
import type { DataSummary, QueryArgs, QueryName, QueryResult } from '../worker/protocol';
import type { TaskPreview } from './registry';
import type { Slicer } from '../engine/models/generate';

export type { Slicer };

export interface TaskEngine<T> {
  /**
   * The task's tensors. `assets` serves the app's shipped files (absent where a task needs
   * none); `onData` reports bytes loaded.
   */
  load(
    task: T,
    seed: number,
    assets: Assets | undefined,
    onData?: (done: number, total: number) => void,
  ): Promise<TaskData>;
  /**
   * What a loaded session adds to the task's preview for its views, sent once per session (with
   * buffers to transfer): the test images, a held-out passage. Absent: the preview is all.
   */
  loadedPreview?(data: TaskData, config: ExperimentConfig): { data: TaskPreview; transfer?: Transferable[] };
  /** The view queries this task answers (worker/protocol.ts ViewQueries), from the current students. */
  queries?: TaskQueries;
  /**
   * Tasks on the user's data: reads the file the task names (its bytes given) and returns the
   * task with what the file decides filled in, and a summary. Throws DataFileError (src/data/open.ts)
   * with a message for the user when the file cannot serve.
   */
  inspect?(task: T, bytes: Uint8Array): Promise<{ task: T; summary: DataSummary }>;
}

/**
 * A view's question. It runs beside the worker's queue, and does its device work through
 * `slice`, which runs each stretch in the queue between training ticks (and rejects once the
 * students it began with are gone): a long answer (samples) then never holds training for
 * its whole length. A short one is one slice.
 */
export type TaskQueries = {
  [N in QueryName]?: (session: Session, args: QueryArgs<N>, slice: Slicer) => Promise<QueryResult<N> | null>;
};

/** The shipped files a task needs, or a clear message when they are not reachable. */
export function requireAssets(assets: Assets | undefined): Assets {
  if (!assets) throw new Error('This task needs the app’s data files');
  return assets;
}
