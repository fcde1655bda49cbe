/** Play / Pause / Step / Reset, the run's status, and progress while data and teacher get ready. */
import { cancellable, progressLabel, progressText, readyText } from '../config/teacher-status';
import { useConfigStore } from '../state/config';
import { studio } from '../state/studio';
import { useRunStore } from '../state/run';
import { STATUS_TEXT, reasonText } from './status-text';

export function RunBar() {
  const status = useRunStore((s) => s.status);
  const reason = useRunStore((s) => s.reason);
  const progress = useRunStore((s) => s.progress);
  const config = useConfigStore((s) => s.config);
  const message = reason ? reasonText(reason, config) : '';
  const busy = status === 'preparing' || status === 'teacher';
  const running = status === 'running';
  return (
    <div className="run-bar">
      <div className="run-buttons" role="group" aria-label="Run controls">
        {running ? (
          <button type="button" className="btn btn-primary" onClick={studio.pause}>
            <span aria-hidden="true">❚❚</span> Pause
          </button>
        ) : (
          <button type="button" className="btn btn-primary" onClick={studio.play} disabled={busy}>
            <span aria-hidden="true">▶</span> Play
          </button>
        )}
        <button type="button" className="btn" onClick={studio.step} disabled={busy}>
          Step
        </button>
        <button type="button" className="btn" onClick={studio.reset} disabled={busy}>
          Reset
        </button>
      </div>
      <div className={`run-status status-${status}`} role="status" aria-live="polite">
        <span className="status-label">{status === 'idle' ? readyText(config) : STATUS_TEXT[status]}</span>
        {message && status !== 'running' ? <span className="status-message">{message}</span> : null}
        {status === 'preparing' && reason?.code === 'choosing-backend' ? (
          <button type="button" className="btn btn-small" onClick={studio.cancelPrepare}>
            Cancel
          </button>
        ) : null}
        {status === 'teacher' && progress ? (
          <span className="teacher-progress">
            <progress
              aria-label={progressLabel(config, progress.phase)}
              max={progress.total || 1}
              value={progress.done}
            />
            <span>{progressText(config, progress)}</span>
            {cancellable(config, progress.phase) ? (
              <button type="button" className="btn btn-small" onClick={studio.cancelPrepare}>
                Cancel
              </button>
            ) : null}
          </span>
        ) : null}
      </div>
    </div>
  );
}
