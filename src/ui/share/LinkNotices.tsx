/**
 * What happened to the link the page opened with: values repaired (named), an older format
 * upgraded, or a stamp from another app version or backend. Plain text only: the notices come
 * from the link and are never rendered as HTML.
 */
import { useState } from 'react';
import { useLinkStore, APP_VERSION } from '../../state/link';
import { useRunStore } from '../../state/run';

/** The link as the page was opened with it, to read and copy: what was broken stays visible. */
function OpenedLink({ link }: { link: string }) {
  const [copied, setCopied] = useState<string | null>(null);
  return (
    <div className="opened-link">
      <label htmlFor="opened-link">The link as opened</label>
      <input id="opened-link" type="text" readOnly value={link} onFocus={(e) => e.target.select()} />
      <button
        type="button"
        className="btn btn-small"
        onClick={() =>
          navigator.clipboard
            .writeText(link)
            .then(() => setCopied('Copied.'))
            .catch(() => setCopied('Could not reach the clipboard: select the link and copy it.'))
        }
      >
        Copy link
      </button>
      {copied ? <span role="status">{copied}</span> : null}
    </div>
  );
}

export function LinkNotices() {
  const notices = useLinkStore((s) => s.notices);
  const stamp = useLinkStore((s) => s.openedStamp);
  const opened = useLinkStore((s) => s.openedLink);
  const backend = useRunStore((s) => s.backend?.name);
  const teacherHash = useRunStore((s) => s.session?.teacher.weightsHash);
  const differences = stamp
    ? [
        stamp.appVersion !== APP_VERSION
          ? `it was made with KD Studio ${stamp.appVersion} (this is ${APP_VERSION})`
          : null,
        backend && stamp.backend !== backend ? `it ran on ${stamp.backend}, this runs on ${backend}` : null,
        teacherHash && stamp.teacherHash && stamp.teacherHash !== teacherHash
          ? `its teacher’s weights were ${stamp.teacherHash}, these are ${teacherHash}`
          : null,
      ].filter(Boolean)
    : [];
  if (!notices.length && !differences.length) return null;
  return (
    <div className="notice-bar" role="status" aria-label="Link notices">
      {notices.length ? (
        <div className="notice-body">
          <ul>
            {notices.map((n, i) => (
              <li key={i}>{n}</li>
            ))}
          </ul>
          {opened ? <OpenedLink link={opened} /> : null}
        </div>
      ) : null}
      {differences.length ? <p>Curves may differ slightly from the link’s: {differences.join('; ')}.</p> : null}
      <button
        type="button"
        className="btn btn-small"
        onClick={() => useLinkStore.setState({ notices: [], openedStamp: undefined, openedLink: undefined })}
      >
        Dismiss
      </button>
    </div>
  );
}
