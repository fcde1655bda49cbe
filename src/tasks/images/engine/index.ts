/** The image task's engine part: the shipped Fashion-MNIST subset on the device. */
import { requireAssets, type TaskEngine } from '../../engine-types';
import type { ImageTask } from '../schema';
import { loadImages } from './load';

export const imagesEngine: TaskEngine<ImageTask> = {
  load: (task, seed, assets, onData) => loadImages(task, seed, requireAssets(assets), onData),
};
