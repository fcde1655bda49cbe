/** The toy task's engine part: its points are made from the seed, no files needed. */
import type { TaskEngine } from '../../engine-types';
import type { Toy2dTask } from '../schema';
import { loadToy2d } from './load';

export const toy2dEngine: TaskEngine<Toy2dTask> = {
  load: async (task, seed) => loadToy2d(task, seed),
};
