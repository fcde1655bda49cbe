/**
 * Play / Pause / Step / Reset, the run's status, and progress while data and teacher get ready.
 *
 * Play and Pause are one button whose label follows the run, and a button that cannot act
 * while data and teacher get ready says so with aria-disabled instead of `disabled`: a disabled
 * button drops the keyboard focus, so Enter on Play used to leave focus on the page and the
 * next Space did nothing. Each click handler checks `busy` itself.
 */
import type { ReactNode } from 'react';
import { studio } from '../state/studio';
import { useRunStore } from '../state/run';
import { RunStatus } from './RunStatus';

export function RunBar({ children }: { children?: ReactNode }) {
  const status = useRunStore((s) => s.status);
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
      <RunStatus />
      {children}
    </div>
  );
}
