/**
 * What happened to the link the page opened with: values repaired (named), an older format
 * upgraded, or a stamp from another app version or backend. Plain text only: the notices come
 * from the link and are never rendered as HTML.
 */
import { useLinkStore, APP_VERSION } from '../../state/link';
import { useRunStore } from '../../state/run';

export function LinkNotices() {
  const notices = useLinkStore((s) => s.notices);
  const stamp = useLinkStore((s) => s.openedStamp);
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
        <ul>
          {notices.map((n, i) => (
            <li key={i}>{n}</li>
          ))}
        </ul>
      ) : null}
      {differences.length ? <p>Curves may differ slightly from the link’s: {differences.join('; ')}.</p> : null}
      <button
        type="button"
        className="btn btn-small"
        onClick={() => useLinkStore.setState({ notices: [], openedStamp: undefined })}
      >
        Dismiss
      </button>
    </div>
  );
}
