/**
 * The offer after a reload, a closed tab or a crash: the run that was training then, with its
 * students saved, can go on from where they were saved (state/interrupted.ts finds it).
 */
import { useState } from 'react';
import { useInterruptedStore } from '../../state/interrupted';
import { openRun } from '../../state/open-run';

export function InterruptedRun() {
  const run = useInterruptedStore((s) => s.run);
  const [message, setMessage] = useState<string | null>(null);
  if (message)
    return (
      <div className="notice-bar" role="status" aria-label="Interrupted run">
        <p>{message}</p>
        <button type="button" className="btn btn-small" onClick={() => setMessage(null)}>
          Dismiss
        </button>
      </div>
    );
  if (!run) return null;
  const saved = run.summary.weightsStep!.toLocaleString('en-US');
  return (
    <div className="notice-bar" role="status" aria-label="Interrupted run">
      <p>
        “{run.name}” was still training when this page last closed (step {run.summary.step.toLocaleString('en-US')}
        ). Its students were saved at step {saved}: resume it from there?
      </p>
      <button
        type="button"
        className="btn btn-small btn-primary"
        onClick={() => {
          useInterruptedStore.setState({ run: undefined });
          void openRun(run).then(setMessage);
        }}
      >
        Resume
      </button>
      <button type="button" className="btn btn-small" onClick={() => useInterruptedStore.getState().dismiss()}>
        Dismiss
      </button>
    </div>
  );
}
