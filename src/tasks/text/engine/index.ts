/** The language task's engine part: the shipped corpus as character ids on the device. */
import { requireAssets, type TaskEngine } from '../../engine-types';
import type { TextTask } from '../schema';
import { loadText } from './load';

export const textEngine: TaskEngine<TextTask> = {
  load: (task, _seed, assets, onData) => loadText(task, requireAssets(assets), onData),
};
