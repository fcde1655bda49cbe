/**
 * Export → PyTorch project: one button that writes the experiment as a zip (train.py, kd/,
 * data/, weights/, config.json, README), greyed out with the reason when it cannot be exported.
 */
import { useEffect, useState } from 'react';
import { useConfigStore } from '../../state/config';
import { shareUrl } from '../../state/link';
import { useRunStore } from '../../state/run';
import { studio } from '../../state/studio';
import { downloadBlob } from '../download';
import { bytesText } from '../format';

export function ProjectExport() {
  const config = useConfigStore((s) => s.config);
  const session = useRunStore((s) => s.session);
  const [refusal, setRefusal] = useState<string | null>('Checking whether this experiment exports…');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    studio
      .projectRefusal()
      .then((r) => live && setRefusal(r))
      .catch(() => live && setRefusal('The studio is not ready yet.'));
    return () => {
      live = false;
    };
  }, [config, session]);

  const run = async () => {
    setBusy(true);
    setMessage('Writing the project: the data, the weights and the code…');
    try {
      const r = await studio.exportProject(shareUrl());
      if ('error' in r) return setMessage(r.error);
      downloadBlob(new Blob([r.zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' }), r.fileName);
      setMessage(
        `Saved ${r.fileName} (${r.files} files, ${bytesText(r.zip.byteLength)}). Unzip it, then: ` +
          'pip install -r requirements.txt && python train.py (README.md has the rest).',
      );
    } catch {
      setMessage('The project could not be written: the studio’s worker stopped. Reload and try again.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h3>PyTorch project</h3>
      <p className="muted" id="project-note">
        A .zip with train.py, the objectives, the models, this experiment’s data and weights: it replays this run step
        by step in PyTorch, and runs under torchrun on many processes or GPUs.
      </p>
      <div className="dialog-actions">
        <button
          type="button"
          className="btn btn-small"
          disabled={busy || refusal !== null}
          aria-describedby="project-note project-refusal"
          title={refusal ?? 'Download the experiment as a PyTorch project'}
          onClick={() => void run()}
        >
          {busy ? 'Writing…' : 'PyTorch project (.zip)'}
        </button>
      </div>
      {refusal && !busy ? (
        <p className="muted" id="project-refusal">
          {refusal}
        </p>
      ) : null}
      {message ? <p role="status">{message}</p> : null}
    </>
  );
}
