/** Play / Pause / Step / Reset, the run's status and the teacher's training progress. */
import { studio } from '../state/studio';
import { useRunStore } from '../state/run';
import type { RunStatus } from '../worker/protocol';

const STATUS_TEXT: Record<RunStatus, string> = {
  idle: 'Ready: press Play to train the teacher, then distil.',
  preparing: 'Preparing…',
  teacher: 'Training the teacher on the labels…',
  running: 'Distilling',
  paused: 'Paused',
  done: 'Done',
  diverged: 'Diverged',
  error: 'Error',
};

export function RunBar() {
  const status = useRunStore((s) => s.status);
  const message = useRunStore((s) => s.message);
  const progress = useRunStore((s) => s.teacherProgress);
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
        <span className="status-label">{STATUS_TEXT[status]}</span>
        {message && status !== 'running' ? <span className="status-message">{message}</span> : null}
        {status === 'teacher' && progress ? (
          <span className="teacher-progress">
            <progress aria-label="Teacher training" max={progress.total} value={progress.step} />
            <span>
              {progress.step}/{progress.total} · loss {progress.loss.toFixed(3)}
            </span>
          </span>
        ) : null}
      </div>
    </div>
  );
}
