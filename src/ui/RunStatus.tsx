/**
 * The run's status line: what the run is doing, why, and while the backend, data and teacher
 * get ready, their progress with a time estimate (measured from the steps so far) and Cancel.
 * Before a start that would take over about a minute, the question whether to go ahead.
 */
import { cancellable, progressLabel, progressText, readyText } from '../config/teacher-status';
import { fieldText, fieldName } from '../config/field-labels';
import { durationText } from '../lib/eta';
import { useConfigStore } from '../state/config';
import { useRunStore } from '../state/run';
import { useStartCheck } from '../state/start-check';
import { studio } from '../state/studio';
import { STATUS_TEXT, reasonText } from './status-text';
import './run-status.css';

/** "about 3 min left" from the job's clock (the run store's, at the latest progress); nothing until a step was measured. */
function useEta(): string {
  const ms = useRunStore((s) => s.job?.leftMs);
  return ms === undefined || ms <= 0 ? '' : `about ${durationText(ms)} left`;
}

function Progress() {
  const config = useConfigStore((s) => s.config);
  const progress = useRunStore((s) => s.progress)!;
  const eta = useEta();
  return (
    <span className="teacher-progress">
      <progress aria-label={progressLabel(config, progress.phase)} max={progress.total || 1} value={progress.done} />
      <span>{progressText(config, progress)}</span>
      {eta ? <span className="job-eta">{eta}</span> : null}
      {cancellable(config, progress.phase) ? (
        <button type="button" className="btn btn-small" onClick={studio.cancelPrepare}>
          Cancel
        </button>
      ) : null}
    </span>
  );
}

/** Auto's trial: the most it can still take (its budget), and Cancel. */
function Trial() {
  const reason = useRunStore((s) => s.reason);
  const left = reason?.code === 'choosing-backend' ? reason.leftMs : undefined;
  return (
    <>
      {left !== undefined ? <span className="job-eta">at most {durationText(left)} left</span> : null}
      <button type="button" className="btn btn-small" onClick={studio.cancelPrepare}>
        Cancel
      </button>
    </>
  );
}

function StartQuestion() {
  const q = useStartCheck((s) => s.question)!;
  const steps = fieldName(q.config, 'teacher.trainSteps');
  return (
    <span className="start-question">
      <span>
        Getting this teacher ready would take about {durationText(q.ms)} here (estimated before it starts).
        {q.fits !== null && steps
          ? ` Lower ${fieldText(steps)} to ${q.fits.toLocaleString('en-US')} for about a minute.`
          : ' A smaller teacher or less data would be quicker.'}
      </span>
      <button type="button" className="btn btn-small btn-primary" onClick={studio.startAnyway}>
        Start anyway
      </button>
      <button type="button" className="btn btn-small" onClick={studio.notNow}>
        Not now
      </button>
    </span>
  );
}

export function RunStatus() {
  const status = useRunStore((s) => s.status);
  const reason = useRunStore((s) => s.reason);
  const progress = useRunStore((s) => s.progress);
  const config = useConfigStore((s) => s.config);
  const asking = useStartCheck((s) => s.question !== undefined);
  const message = reason ? reasonText(reason, config) : '';
  return (
    <div className={`run-status status-${status}`} role="status" aria-live="polite">
      <span className="status-label">
        {asking ? 'Before it starts:' : status === 'idle' ? readyText(config) : STATUS_TEXT[status]}
      </span>
      {message && status !== 'running' ? <span className="status-message">{message}</span> : null}
      {status === 'preparing' && reason?.code === 'choosing-backend' ? <Trial /> : null}
      {status === 'teacher' && progress ? <Progress /> : null}
      {asking ? <StartQuestion /> : null}
    </div>
  );
}
