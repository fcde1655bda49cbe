/**
 * A storage failure on the main page, not only inside the History dialog: the run carries on in
 * memory, and the person should know that a reload would lose it. Dismissable; a different
 * failure shows again, and the History button keeps a mark while saving does not work.
 */
import { useHistoryStore } from '../../state/history-store';

export function StorageNotice() {
  const error = useHistoryStore((s) => s.error);
  const dismissed = useHistoryStore((s) => s.dismissedError);
  if (!error || error === dismissed) return null;
  return (
    <div className="notice-bar notice-bar-error" role="alert" aria-label="Storage notice">
      <p>{error} A reload or a closed tab would lose it: export the metrics or the students to keep them.</p>
      <button
        type="button"
        className="btn btn-small"
        onClick={() => useHistoryStore.setState({ dismissedError: error })}
      >
        Dismiss
      </button>
    </div>
  );
}
