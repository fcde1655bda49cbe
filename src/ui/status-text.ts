/**
 * The words for the run's status. The worker reports a status and, when there is more to say,
 * a structured reason (StatusReason); every sentence a person reads about the run is written
 * here, in one place.
 */
import type { ExperimentConfig } from '../config/schema';
import { preparingText } from '../config/teacher-status';
import type { RunStatus, StatusReason } from '../worker/protocol';

/** The status line's label (idle depends on the teacher: config/teacher-status.ts readyText). */
export const STATUS_TEXT: Record<Exclude<RunStatus, 'idle'>, string> = {
  preparing: 'Preparing…',
  teacher: 'Getting the teacher ready…',
  running: 'Distilling',
  paused: 'Paused',
  done: 'Done',
  diverged: 'Diverged',
  error: 'Error',
};

/** The sentence after the label; `config` is the experiment being prepared or run. */
export function reasonText(reason: StatusReason, config: ExperimentConfig): string {
  switch (reason.code) {
    case 'choosing-backend':
      return 'Choosing a backend…';
    case 'preparing-teacher':
      return preparingText(config);
    case 'planned-steps-reached':
      return `Reached the planned ${reason.steps} steps. Raise “Steps” or Reset to go on.`;
    case 'finished':
      return `Finished the planned ${reason.steps} steps.`;
    case 'diverged':
      return (
        `The loss became NaN or infinite at step ${reason.step} (lane ${reason.lane + 1}, ${reason.part}). ` +
        `The students were restored to step ${reason.restoredStep}. Try a lower learning rate` +
        `${reason.hasTemperature ? ' or a temperature nearer 1' : ''}, then press Play.`
      );
    case 'device-lost':
      return `The GPU device was lost (${reason.detail}). Your charts are kept; press Play to rebuild the run (the backend is chosen again).`;
    case 'missing-kernel':
      return (
        `The ${reason.backend} backend cannot run this experiment: it has no ${reason.kernel} operation. ` +
        'Choose another backend (or Auto, which tries each one first), then press Play.'
      );
    case 'error':
      return reason.detail;
  }
}
