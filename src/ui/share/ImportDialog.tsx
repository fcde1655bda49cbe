/**
 * Bring your own teacher or student: a tfjs layers model (model.json + weight files) by file
 * picker, drag and drop, or URL. The worker checks it against this task before anything uses
 * it; every failure is a message and the experiment stays as it was. An imported teacher's
 * accuracy on this task is measured and shown before distilling.
 */
import { useState } from 'react';
import { useConfigStore } from '../../state/config';
import { modelStore } from '../../state/history';
import { studio } from '../../state/studio';
import { percent } from '../format';
import { Dialog } from '../Dialog';

type Role = 'teacher' | 'student';

interface Picked {
  name: string;
  modelJson: string | ArrayBuffer;
  weights: { name: string; bytes: ArrayBuffer }[];
}

/** model.json and its weight files among dropped or picked files. */
async function fromFiles(files: File[]): Promise<Picked> {
  const jsons = files.filter((f) => f.name.toLowerCase().endsWith('.json'));
  if (jsons.length !== 1)
    throw new Error(
      jsons.length
        ? 'Pick one model.json at a time (with its weight files).'
        : 'Pick the model.json together with its weight files (.bin).',
    );
  const json = jsons[0]!;
  const weights = await Promise.all(
    files.filter((f) => f !== json).map(async (f) => ({ name: f.name, bytes: await f.arrayBuffer() })),
  );
  return { name: json.name.replace(/\.json$/i, ''), modelJson: await json.arrayBuffer(), weights };
}

/** model.json from a URL, and the weight files its manifest names, relative to it. */
async function fromUrl(url: string): Promise<Picked> {
  let base: URL;
  try {
    base = new URL(url, location.href);
  } catch {
    throw new Error(`“${url}” is not a URL.`);
  }
  const get = async (u: URL) => {
    const res = await fetch(u).catch(() => {
      throw new Error(`Could not fetch ${u.href} (offline, or the server does not allow it).`);
    });
    if (!res.ok) throw new Error(`Could not fetch ${u.href}: HTTP ${res.status}.`);
    return res;
  };
  const text = await (await get(base)).text();
  let paths: string[] = [];
  try {
    const manifest = (JSON.parse(text) as { weightsManifest?: { paths?: unknown }[] }).weightsManifest;
    paths = (manifest ?? []).flatMap((g) =>
      Array.isArray(g.paths) ? g.paths.filter((p): p is string => typeof p === 'string') : [],
    );
  } catch {
    // Not JSON: the worker explains.
  }
  const weights = await Promise.all(
    paths.slice(0, 64).map(async (p) => ({ name: p, bytes: await (await get(new URL(p, base))).arrayBuffer() })),
  );
  return { name: base.pathname.split('/').filter(Boolean).at(-2) ?? 'model', modelJson: text, weights };
}

export function ImportDialog({ onClose }: { onClose(): void }) {
  const [role, setRole] = useState<Role>('teacher');
  const [url, setUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [dragging, setDragging] = useState(false);

  const run = async (pick: () => Promise<Picked>) => {
    setBusy(true);
    setMessage(null);
    try {
      const picked = await pick();
      const { config, update } = useConfigStore.getState();
      const r = await studio.importModel({ ...picked, role, config });
      if (!r.ok) {
        setMessage({ ok: false, text: r.error });
        return;
      }
      const spec = {
        kind: 'imported' as const,
        hash: r.hash,
        name: r.name,
        featureDim: r.featureDim,
        params: r.params,
      };
      const accepted = update(role === 'teacher' ? 'teacher.model' : 'student', spec);
      if (!accepted) {
        setMessage({
          ok: false,
          text: `The model is valid, but this experiment cannot use it as the ${role}: ${useConfigStore.getState().errors[role === 'teacher' ? 'teacher.model' : 'student'] ?? ''}`,
        });
        return;
      }
      await modelStore.put({ ...picked, hash: r.hash, savedAt: Date.now() }).catch(() => undefined);
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
