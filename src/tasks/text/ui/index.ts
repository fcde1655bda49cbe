/** The text task's UI part: its data and student fields, the samples and next-character views. */
import type { TaskUi } from '../../ui-types';
import { TextDataFields } from './TextDataFields';
import { TextStudentFields } from './TextStudentFields';
import { TextViews } from './TextViews';

export const textUi: TaskUi = {
  DataFields: TextDataFields,
  StudentFields: TextStudentFields,
  // Text windows are drawn (and generated) afresh at every step: there is nothing to cache.
  teacherCache: false,
  Views: TextViews,
};
