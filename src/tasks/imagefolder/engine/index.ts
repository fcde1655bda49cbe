/** The image-folder task's engine part: the user's zip read, decoded and put on the device. */
import type { TaskEngine } from '../../engine-types';
import { imagesQueries } from '../../images/engine/queries';
import { imageFolderPreview } from '../preview';
import type { ImageFolderTask } from '../schema';
import { loadImageFolder } from './load';
import { readFolder } from './read';

export const imagefolderEngine: TaskEngine<ImageFolderTask> = {
  queries: imagesQueries,
  load: loadImageFolder,
  async inspect(task, bytes) {
    const read = await readFolder(task, bytes);
    const images = read.labels.length;
    return {
      task: { ...task, classes: read.classNames.length, classNames: read.classNames, images },
      summary: { examples: images, classNames: read.classNames, notices: read.notices },
    };
  },
  // The gallery's images, once: they never change during a session.
  loadedPreview(data, config) {
    const images = data.host.testImages!.slice();
    const labels = data.host.testY.slice();
    const preview = imageFolderPreview(config.task as ImageFolderTask);
    return { data: { ...preview, testImages: images, testY: labels }, transfer: [images.buffer, labels.buffer] };
  },
};
