import type { ImageSetPreview } from '../images/preview';
import type { ImageFolderTask } from './schema';

/** The folder's classes and image shape at once (from the config), its test images once loaded. */
export type ImageFolderPreview = ImageSetPreview<'imagefolder'>;

export const imageFolderPreview = (task: ImageFolderTask): ImageFolderPreview => ({
  kind: 'imagefolder',
  classes: task.classes,
  classNames: [...task.classNames],
  imageShape: [task.size, task.size, task.channels],
});
