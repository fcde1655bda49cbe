/** The table task's UI part: its data fields, the MLP student fields, the boundary or projection and classification views. */
import { MlpStudentFields } from '../../../ui/controls/MlpStudentFields';
import type { TaskUi } from '../../ui-types';
import { TableDataFields } from './TableDataFields';
import { TableViews } from './TableViews';

export const tableUi: TaskUi = {
  DataFields: TableDataFields,
  StudentFields: MlpStudentFields,
  teacherCache: true,
  Views: TableViews,
};
