/**
 * Bring your own teacher or student: a tfjs layers model (model.json + weight files) by file
 * picker, drag and drop, or URL. The worker checks it against this task before anything uses
 * it; every failure is a message and the experiment stays as it was. An imported teacher's
 * accuracy on this task is measured and shown before distilling.
 */
import { useState } from 'react';
import { fromFiles, type PickedModel } from '../../state/import-files';
import { importFrom, type ImportRole } from '../../state/import-model';
import { fromUrl } from '../../state/import-url';
import { percent } from '../format';
import { Dialog } from '../Dialog';

export function ImportDialog({ onClose }: { onClose(): void }) {
  const [role, setRole] = useState<ImportRole>('teacher');
  const [url, setUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [dragging, setDragging] = useState(false);

  const run = async (pick: () => Promise<PickedModel>) => {
    setBusy(true);
    setMessage(null);
    try {
      const r = await importFrom(pick, role);
      if (!r.ok) {
        setMessage({ ok: false, text: r.error });
        return;
      }
      setMessage({
        ok: true,
        text:
          `Imported “${r.name}” as the ${role} (${r.params.toLocaleString('en-US')} parameters, weights ${r.hash}).` +
          (r.outputActivation
            ? ` Its last layer applies ${r.outputActivation}: the studio reads the values before it as logits.`
            : '') +
          (r.accuracy !== undefined ? ` Its accuracy on this task’s test set: ${percent(r.accuracy)}.` : ''),
      });
    } catch (e) {
      setMessage({ ok: false, text: (e as Error).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title="Import a model" closeLabel="Close import" narrow onClose={onClose}>
      <p className="muted">
        A TensorFlow.js layers model: model.json and its weight files. It must take this task’s inputs and give one
        logit per class.
      </p>
      <fieldset className="role-picker">
        <legend>Use it as</legend>
        {(['teacher', 'student'] as const).map((r) => (
          <label key={r} className="inline-toggle">
            <input type="radio" name="import-role" value={r} checked={role === r} onChange={() => setRole(r)} /> the {r}
          </label>
        ))}
      </fieldset>
      <div
        className={`drop-zone${dragging ? ' dragging' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          void run(() => fromFiles([...e.dataTransfer.files]));
        }}
      >
        Drop model.json and its .bin files here, or{' '}
        <label className="file-pick">
          choose files
          <input
            type="file"
            multiple
            accept=".json,.bin,application/json,application/octet-stream"
            aria-label="Model files"
            disabled={busy}
            onChange={(e) => {
              const files = [...(e.target.files ?? [])];
              e.target.value = '';
              if (files.length) void run(() => fromFiles(files));
            }}
          />
        </label>
      </div>
      <form
        className="url-import"
        onSubmit={(e) => {
          e.preventDefault();
          if (url.trim()) void run(() => fromUrl(url.trim()));
        }}
      >
        <label htmlFor="import-url">Or the URL of a model.json</label>
        <input
          id="import-url"
          type="url"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          placeholder="https://…/model.json"
        />
        <button type="submit" className="btn btn-small" disabled={busy || !url.trim()}>
          Import from URL
        </button>
      </form>
      {busy ? <p role="status">Checking the model…</p> : null}
      {message ? (
        <p className={`notice${message.ok ? '' : ' notice-error'}`} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      ) : null}
    </Dialog>
  );
}
