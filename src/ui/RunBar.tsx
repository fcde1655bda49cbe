/** Play / Pause / Step / Reset, the run's status, and progress while data and teacher get ready. */
import { studio } from '../state/studio';
import { useRunStore } from '../state/run';
import { RunStatus } from './RunStatus';

export function RunBar() {
  const status = useRunStore((s) => s.status);
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
      <RunStatus />
    </div>
  );
}
