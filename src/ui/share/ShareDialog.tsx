/**
 * A link to this experiment, for a lesson or a paper: optionally start playing on open, hide
 * chosen controls, or open in presentation mode (views only). The link carries a
 * reproducibility stamp: app version, seed, backend and the teacher's weights hash.
 */
import { useState } from 'react';
import { CONTROL_IDS, controlPathKnown, type ControlId } from '../../share/link';
import { shareUrl } from '../../state/link';
import { Dialog } from '../Dialog';

const CONTROL_LABELS: Record<ControlId, string> = {
  presets: 'Experiment presets',
  data: 'Data',
  teacher: 'Teacher',
  student: 'Student',
  objectives: 'Students and objectives',
  training: 'Training',
  backend: 'Backend',
};

export function ShareDialog({ onClose }: { onClose(): void }) {
  const [play, setPlay] = useState(false);
  const [present, setPresent] = useState(false);
  const [hide, setHide] = useState<ControlId[]>([]);
  const [fieldsText, setFieldsText] = useState('');
  const [copied, setCopied] = useState<string | null>(null);
  const named = fieldsText
    .split(/[\s,]+/)
    .map((f) => f.trim())
    .filter(Boolean);
  const unknownFields = named.filter((f) => !controlPathKnown(f));
  const url = shareUrl({ play, present, hide, hideFields: named.filter(controlPathKnown) });
  return (
    <Dialog title="Share this experiment" closeLabel="Close sharing" narrow onClose={onClose}>
      <p className="muted">
        Whoever opens the link sees this exact experiment; with the same seed and backend, the same curves.
      </p>
      <label className="inline-toggle">
        <input type="checkbox" checked={play} onChange={(e) => setPlay(e.target.checked)} /> Start playing when opened
      </label>
      <label className="inline-toggle">
        <input type="checkbox" checked={present} onChange={(e) => setPresent(e.target.checked)} /> Presentation mode
        (views only, nothing editable)
      </label>
      <fieldset className="hide-controls" disabled={present}>
        <legend>Hide controls (lesson mode)</legend>
        {CONTROL_IDS.map((id) => (
          <label key={id} className="inline-toggle">
            <input
              type="checkbox"
              checked={hide.includes(id)}
              onChange={(e) => setHide((h) => (e.target.checked ? [...h, id] : h.filter((x) => x !== id)))}
            />{' '}
            {CONTROL_LABELS[id]}
          </label>
        ))}
        <div className="field share-hide-fields">
          <label htmlFor="share-hide-fields">Single controls to hide, by setting name</label>
          <input
            id="share-hide-fields"
            type="text"
            autoComplete="off"
            spellCheck={false}
            placeholder="e.g. seed, train.lr, lanes.0.params.T"
            value={fieldsText}
            aria-invalid={unknownFields.length ? true : undefined}
            aria-describedby="share-hide-fields-hint"
            onChange={(e) => setFieldsText(e.target.value)}
          />
          <p className={unknownFields.length ? 'field-error' : 'field-hint'} id="share-hide-fields-hint">
            {unknownFields.length
              ? `Not a setting (left out of the link): ${unknownFields.slice(0, 5).join(', ')}`
              : 'Each name is a setting’s config path (“seed”, “train.lr”, “task.noise”, “lanes.0.params.T”); a link may also say seed_hide=true.'}
          </p>
        </div>
      </fieldset>
      <label htmlFor="share-url" className="share-url-label">
        Link
      </label>
      <textarea id="share-url" className="share-url" readOnly value={url} rows={3} onFocus={(e) => e.target.select()} />
      <div className="dialog-actions">
        <button
          type="button"
          className="btn btn-primary"
          onClick={() =>
            navigator.clipboard
              .writeText(url)
              .then(() => setCopied('Copied.'))
              .catch(() => setCopied('Could not reach the clipboard: select the link and copy it.'))
          }
        >
          Copy link
        </button>
        {copied ? <span role="status">{copied}</span> : null}
      </div>
    </Dialog>
  );
}
