/**
 * What a task is in the engine: how its data comes onto the device, and the view queries it
 * answers. Each task folder's engine/index.ts exports one; ./engine.ts lists them.
 */
import type { Assets } from '../engine/assets';
import type { TaskData } from '../engine/task-data';

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
}

/** The shipped files a task needs, or a clear message when they are not reachable. */
export function requireAssets(assets: Assets | undefined): Assets {
  if (!assets) throw new Error('This task needs the app’s data files');
  return assets;
}
