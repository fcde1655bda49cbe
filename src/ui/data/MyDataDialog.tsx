/**
 * "My data": the files this browser keeps for experiments on the user's data, with their sizes,
 * and a way to delete them (a link to an experiment on a deleted file then asks for it again).
 */
import { useEffect } from 'react';
import { useDatasetsStore } from '../../state/datasets';
import { Dialog } from '../Dialog';
import { bytesText } from '../format';

export function MyDataDialog({ onClose }: { onClose(): void }) {
  const list = useDatasetsStore((s) => s.list);
  const notice = useDatasetsStore((s) => s.storageNotice);
  useEffect(() => {
    void useDatasetsStore.getState().refresh();
  }, []);
  const total = list.reduce((n, d) => n + d.bytes, 0);
  return (
    <Dialog title="My data" closeLabel="Close my data" onClose={onClose}>
      <p className="field-hint">
        Files you brought stay in this browser, never uploaded. A link names a file by its SHA-256; whoever opens it
        drops their own copy.
      </p>
      {notice ? (
        <p className="notice notice-error" role="alert">
          {notice}
        </p>
      ) : null}
      {list.length === 0 ? (
        <p>No files yet: drop a table, an image folder or a text in the Data section.</p>
      ) : (
        <table className="my-data" aria-label="Stored data files">
          <thead>
            <tr>
              <th>File</th>
              <th>For</th>
              <th>Size</th>
              <th>SHA-256</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.map((d) => (
              <tr key={d.sha256}>
                <td>
                  {d.name}
                  {d.inMemoryOnly ? ' (this page only)' : ''}
                </td>
                <td>{d.kind}</td>
                <td>{bytesText(d.bytes)}</td>
                <td>
                  <code>{d.sha256.slice(0, 12)}…</code>
                </td>
                <td>
                  <button
                    type="button"
                    className="btn btn-small"
                    aria-label={`Delete ${d.name}`}
                    onClick={() => void useDatasetsStore.getState().remove(d.sha256)}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <td colSpan={2}>Total</td>
              <td>{bytesText(total)}</td>
              <td colSpan={2} />
            </tr>
          </tfoot>
        </table>
      )}
    </Dialog>
  );
}
