/** The image task's UI part: its data and student fields, the image and classification views, its charts. */
import type { TaskUi } from '../../ui-types';
import { ImageCharts } from './ImageCharts';
import { ImageDataFields } from './ImageDataFields';
import { ImageStudentFields } from './ImageStudentFields';
import { ImageViews } from './ImageViews';

export const imagesUi: TaskUi = {
  DataFields: ImageDataFields,
  StudentFields: ImageStudentFields,
  teacherCache: true,
  teacherAssistant: true,
  Views: ImageViews,
  Charts: ImageCharts,
};
