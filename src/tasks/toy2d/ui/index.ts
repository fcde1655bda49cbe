/** The toy 2D task's UI part: its data and student fields, the boundary views. */
import type { TaskUi } from '../../ui-types';
import { ToyDataFields } from './ToyDataFields';
import { MlpStudentFields } from '../../../ui/controls/MlpStudentFields';
import { ToyViews } from './ToyViews';

export const toy2dUi: TaskUi = {
  DataFields: ToyDataFields,
  StudentFields: MlpStudentFields,
  teacherCache: true,
  Views: ToyViews,
};
