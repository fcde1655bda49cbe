/** The image task's engine part: the shipped Fashion-MNIST subset on the device. */
import { requireAssets, type TaskEngine } from '../../engine-types';
import { imagePreview } from '../preview';
import type { ImageTask } from '../schema';
import { imagesQueries } from './queries';
import { loadImages } from './load';

export const imagesEngine: TaskEngine<ImageTask> = {
  queries: imagesQueries,
  load: (task, seed, assets, onData) => loadImages(task, seed, requireAssets(assets), onData),
  // The gallery's images, once: they never change during a session.
  loadedPreview(data) {
    const images = data.host.testImages!.slice();
    const labels = data.host.testY.slice();
    return {
      data: { ...imagePreview(), testImages: images, testY: labels },
      transfer: [images.buffer, labels.buffer],
    };
  },
};
