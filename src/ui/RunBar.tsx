/** Play / Pause / Step / Reset, the run's status, and progress while data and teacher get ready. */
import { studio } from '../state/studio';
import { useRunStore } from '../state/run';
import type { Phase } from '../worker/protocol';
import { STATUS_TEXT, reasonText } from './status-text';

const PHASE_LABELS: Record<Phase, string> = {
  data: 'Loading data',
  teacher: 'Teacher training',
  cache: 'Caching teacher outputs',
};

function progressText(p: { phase: Phase; done: number; total: number }): string {
  if (p.phase === 'data') return `${(p.done / 1e6).toFixed(1)} of ${(p.total / 1e6).toFixed(1)} MB`;
  return `${p.done.toLocaleString('en-US')}/${p.total.toLocaleString('en-US')}`;
}

export function RunBar() {
  const status = useRunStore((s) => s.status);
  const reason = useRunStore((s) => s.reason);
  const message = reason ? reasonText(reason) : '';
  const progress = useRunStore((s) => s.progress);
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
            <progress aria-label={PHASE_LABELS[progress.phase]} max={progress.total || 1} value={progress.done} />
            <span>
              {PHASE_LABELS[progress.phase]} {progressText(progress)}
              {progress.detail ? ` · ${progress.detail}` : ''}
            </span>
          </span>
        ) : null}
      </div>
    </div>
  );
}
