/** The text task's UI part: its data and student fields, the samples and next-character views, perplexity, a pool's gap. */
import type { TaskUi } from '../../ui-types';
import { TextCharts } from './TextCharts';
import { TextDataFields } from './TextDataFields';
import { TextStudentFields } from './TextStudentFields';
import { TextViews } from './TextViews';

export const textUi: TaskUi = {
  DataFields: TextDataFields,
  StudentFields: TextStudentFields,
  // Text windows are drawn (and generated) afresh at every step: there is nothing to cache.
  teacherCache: false,
  distilledTeacher: true,
  Views: TextViews,
  // Every row is a token: the shared charts say so.
  chartTitles: {
    accuracy: 'Next-character accuracy (held-out)',
    agreement: 'Token-level top-1 agreement with the teacher',
    kl: 'Per-token KL(teacher‖student) at T = 1, nats',
  },
  Charts: TextCharts,
};
