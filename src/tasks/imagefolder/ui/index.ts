/** The image-folder task's UI part: its data fields, and the image task's students, views and charts. */
import { ImageCharts } from '../../images/ui/ImageCharts';
import { ImageStudentFields } from '../../images/ui/ImageStudentFields';
import { ImageViews } from '../../images/ui/ImageViews';
import type { TaskUi } from '../../ui-types';
import { FolderDataFields } from './FolderDataFields';

export const imagefolderUi: TaskUi = {
  DataFields: FolderDataFields,
  StudentFields: ImageStudentFields,
  teacherCache: true,
  Views: ImageViews,
  Charts: ImageCharts,
};
