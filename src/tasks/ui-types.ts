/**
 * What a task is in the UI: the controls and views the studio shows for it. Each task folder's
 * ui/index.ts exports one; ./ui.tsx lists them by kind. The control panel, the workspace and the
 * charts render what the task declares here, so none of them names a task.
 */
import type { ComponentType } from 'react';

/** The shared charts a task may title in its own words. */
export type SharedChart = 'accuracy' | 'agreement' | 'kl';

/** What a task's own charts get from the charts panel. */
export interface TaskChartProps {
  /** The charted student lanes' names, in lane order ("1 · Hinton KD"). */
  laneNames: string[];
}

export interface TaskUi {
  /** The Data section's fields, under the task picker. */
  DataFields: ComponentType;
  /** The Student section's fields for the task's own students (an imported one shows its card instead). */
  StudentFields: ComponentType;
  /**
   * Whether the Training section offers caching the teacher's outputs. A teacher that sees
   * new inputs at every step (generated text windows) has nothing to cache.
   */
  teacherCache: boolean;
  /** The Teacher section offers a teacher assistant (config teacher.assistant). */
  teacherAssistant?: boolean;
  /** The Teacher section offers distilling a small teacher from the shipped one (config teacher.distilled). */
  distilledTeacher?: boolean;
  /** What the workspace shows between the readouts and the charts, inside its own error boundary. */
  Views: ComponentType;
  /** Titles of the shared charts where the task words them its own way. */
  chartTitles?: Partial<Record<SharedChart, string>>;
  /** Charts the task adds after the shared held-out metrics. */
  Charts?: ComponentType<TaskChartProps>;
}
