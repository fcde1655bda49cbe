/**
 * Play / Pause / Step / Reset, the run's status, and progress while data and teacher get ready.
 *
 * Play and Pause are one button whose label follows the run, and a button that cannot act
 * while data and teacher get ready says so with aria-disabled instead of `disabled`: a disabled
 * button drops the keyboard focus, so Enter on Play used to leave focus on the page and the
 * next Space did nothing. Each click handler checks `busy` itself.
 */
import type { ReactNode } from 'react';
import { cancellable, progressLabel, progressText, readyText } from '../config/teacher-status';
import { useConfigStore } from '../state/config';
import { studio } from '../state/studio';
import { useRunStore } from '../state/run';
import { STATUS_TEXT, reasonText } from './status-text';

export function RunBar({ children }: { children?: ReactNode }) {
  const status = useRunStore((s) => s.status);
  const reason = useRunStore((s) => s.reason);
  const progress = useRunStore((s) => s.progress);
  const config = useConfigStore((s) => s.config);
  const message = reason ? reasonText(reason, config) : '';
  const busy = status === 'preparing' || status === 'teacher';
  const running = status === 'running';
  const unlessBusy = (act: () => void) => () => {
    if (!busy) act();
  };
  return (
    <div className="run-bar">
      <div className="run-buttons" role="group" aria-label="Run controls">
        <button
          type="button"
          className="btn btn-primary"
          aria-disabled={busy || undefined}
          onClick={unlessBusy(running ? studio.pause : studio.play)}
        >
          <span aria-hidden="true">{running ? '❚❚' : '▶'}</span> {running ? 'Pause' : 'Play'}
        </button>
        <button type="button" className="btn" aria-disabled={busy || undefined} onClick={unlessBusy(studio.step)}>
          Step
        </button>
        <button type="button" className="btn" aria-disabled={busy || undefined} onClick={unlessBusy(studio.reset)}>
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
      {children}
    </div>
  );
}
