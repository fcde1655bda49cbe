/**
 * The words for the run's status. The worker reports a status and, when there is more to say,
 * a structured reason (StatusReason); every sentence a person reads about the run is written
 * here, in one place.
 */
import type { ExperimentConfig } from '../config/schema';
import { preparingText } from '../config/teacher-status';
import type { RunNotice, RunStatus, StatusReason, WorkerLoss } from '../worker/protocol';

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
      return reason.trying
        ? `Choosing a backend: timing ${reason.trying} (${reason.index} of ${reason.total})…`
        : 'Choosing a backend…';
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
    case 'tick-failed':
      return (
        `Training stopped after step ${reason.step}: a training step failed unexpectedly. ` +
        'The charts and the students are kept; press Play to try again, or Reset to start the students afresh.'
      );
    case 'worker-fault':
      return (
        'Training stopped: something failed unexpectedly in the training worker. ' +
        'The charts and the students are kept; press Play to try again.'
      );
    case 'cancelled':
      return cancelledText(reason);
    case 'error':
      return reason.detail;
  }
}

const count = (n: number) => n.toLocaleString('en-US');

const JOB_TEXT: Record<Extract<StatusReason, { code: 'cancelled' }>['job'], [what: string, unit: string]> = {
  trial: ['choosing a backend', ''],
  data: ['loading the data', ''],
  teacher: ['the teacher’s training', 'step'],
  cache: ['caching the teacher’s outputs', 'row'],
  pool: ['filling the teacher-output pool', 'window'],
};

/** "Cancelled the teacher’s training at step 1,250 of 20,000 (stopped in 0.2 s). …" */
function cancelledText(r: Extract<StatusReason, { code: 'cancelled' }>): string {
  const [what, unit] = JOB_TEXT[r.job];
  const where = unit && r.done !== undefined && r.total ? ` at ${unit} ${count(r.done)} of ${count(r.total)}` : '';
  const took =
    r.stopMs === undefined
      ? ''
      : ` (stopped in ${r.stopMs < 1000 ? `${Math.max(1, Math.round(r.stopMs))} ms` : `${(r.stopMs / 1000).toFixed(1)} s`})`;
  const next =
    r.job === 'trial'
      ? 'Press Play to time the backends again, or choose one by hand.'
      : r.job === 'teacher'
        ? 'Press Play to train it again, or first lower “Teacher › Training steps” or its widths.'
        : 'Press Play to start again.';
  return `Cancelled ${what}${where}${took}. Nothing was built and your settings are kept. ${next}`;
}

const LOSS_TEXT: Record<WorkerLoss, string> = {
  ended: 'The training worker stopped unexpectedly (the browser ended it, or it ran out of memory)',
  silent: 'The training worker stopped answering',
  error: 'The training worker hit an error nothing could catch',
};

const ago = (seconds: number) =>
  seconds < 1.5
    ? 'just now'
    : seconds < 90
      ? `${Math.round(seconds)} s earlier`
      : `${Math.round(seconds / 60)} min earlier`;

/** The words for a notice about the run (RunNotices shows them above the readouts). */
export function noticeText(notice: RunNotice): string {
  switch (notice.code) {
    case 'backend-lost':
      return `The ${notice.lost} device was lost (${notice.detail.replace(/\.+$/, '')}). Moving the run to another backend, with its students as last copied…`;
    case 'backend-switched':
      return (
        `The ${notice.lost} device was lost (${notice.detail.replace(/\.+$/, '')}). The run went on by itself on ${notice.now}, ` +
        `from step ${notice.step.toLocaleString('en-US')}: the students as last copied, the charts and the teacher kept.`
      );
    case 'worker-lost':
      return `${LOSS_TEXT[notice.cause]}. Starting a new one with the same experiment and the last saved students…`;
    case 'worker-recovered':
      return notice.ageSeconds === undefined
        ? `${LOSS_TEXT[notice.cause]}. A new one took over, but no students had been saved yet: press Play to start the run again.`
        : `${LOSS_TEXT[notice.cause]}. A new one took over with the same experiment: the students and charts are back at ` +
            `step ${notice.step.toLocaleString('en-US')} (saved ${ago(notice.ageSeconds)}). Press Play to continue.`;
    case 'worker-recovery-failed':
      return (
        `${LOSS_TEXT[notice.cause]}. A new one took over with the same experiment, but the saved students could not ` +
        `go back in (${notice.why}): press Play to start the run again.`
      );
  }
}
