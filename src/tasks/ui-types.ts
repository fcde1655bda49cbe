/**
 * What a task is in the UI: the controls and views the studio shows for it. Each task folder's
 * ui/index.ts exports one; ./ui.tsx lists them by kind. The control panel and the workspace render
 * what the task declares here, so none of them names a task.
 */
import type { ComponentType } from 'react';

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
  /** What the workspace shows between the readouts and the charts, inside its own error boundary. */
  Views: ComponentType;
}
