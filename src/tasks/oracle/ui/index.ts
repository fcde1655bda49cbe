/** The oracle task's UI part: its data fields, the boundary maps and the teacher-hacking chart. */
import type { TaskUi } from '../../ui-types';
import { MlpStudentFields } from '../../../ui/controls/MlpStudentFields';
import { HackingChart } from './HackingChart';
import { OracleDataFields } from './OracleDataFields';
import { OracleViews } from './OracleViews';

export const oracleUi: TaskUi = {
  DataFields: OracleDataFields,
  StudentFields: MlpStudentFields,
  // Every step's inputs are new to the teacher (the step source runs it): nothing to cache.
  teacherCache: false,
  Views: OracleViews,
  chartTitles: { kl: 'KL(teacher‖student) on held-out inputs, nats' },
  Charts: HackingChart,
};
