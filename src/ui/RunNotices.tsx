/**
 * What happened to the run that the status line cannot hold: a lost GPU device and the backend
 * the run went on with, a training worker replaced and where its run was put back. Each stays
 * until dismissed; the words are status-text.ts's.
 */
import { useRunStore } from '../state/run';
import { noticeText } from './status-text';

export function RunNotices() {
  const notices = useRunStore((s) => s.notices);
  if (!notices.length) return null;
  return (
    <div className="run-notices" role="alert" aria-label="Run notices">
      {notices.map((n, i) => (
        <div className="notice-bar" key={i}>
          <p>{noticeText(n)}</p>
          <button type="button" className="btn btn-small" onClick={() => useRunStore.getState().dismissNotice(n)}>
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
