/** Lessons, share, history, import and export: the studio's ways in and out, each in a dialog. */
import { lazy, Suspense, useState } from 'react';
import { useHistoryStore } from '../state/history-store';
import { MyDataDialog } from './data/MyDataDialog';
import { ExportDialog } from './share/ExportDialog';
import { ImportDialog } from './share/ImportDialog';
import { ShareDialog } from './share/ShareDialog';
import { LessonsDialog } from './lessons/LessonsDialog';
import { SweepLayer } from './sweep/SweepLayer';
import { SweepMenu } from './sweep/SweepMenu';

// The history dialog draws its comparison with recharts: loaded when first opened, so the
// page's first paint does not wait for it.
const HistoryDialog = lazy(() => import('./history/HistoryDialog').then((m) => ({ default: m.HistoryDialog })));

type Open = 'share' | 'history' | 'import' | 'export' | 'data' | 'lessons' | null;

export function Toolbar() {
  const [open, setOpen] = useState<Open>(null);
  const runs = useHistoryStore((s) => s.count);
  const storageFailed = useHistoryStore((s) => Boolean(s.error));
  const close = () => setOpen(null);
  return (
    <nav className="toolbar" aria-label="Share and files">
      <button type="button" className="btn btn-small" onClick={() => setOpen('lessons')}>
        Lessons
      </button>
      <button type="button" className="btn btn-small" onClick={() => setOpen('share')}>
        Share
      </button>
      <SweepMenu />
      <button
        type="button"
        className={`btn btn-small${storageFailed ? ' btn-warning' : ''}`}
        title={storageFailed ? 'This run is not being saved: open History for why' : undefined}
        onClick={() => setOpen('history')}
      >
        History{runs ? ` (${runs})` : ''}
        {storageFailed ? (
          <span className="badge-warning">
            <span aria-hidden="true">⚠</span> not saving
          </span>
        ) : null}
      </button>
      <button type="button" className="btn btn-small" onClick={() => setOpen('import')}>
        Import model
      </button>
      <button type="button" className="btn btn-small" onClick={() => setOpen('export')}>
        Export
      </button>
      <button type="button" className="btn btn-small" onClick={() => setOpen('data')}>
        My data
      </button>
      {open === 'share' ? <ShareDialog onClose={close} /> : null}
      {open === 'history' ? (
        <Suspense fallback={null}>
          <HistoryDialog onClose={close} />
        </Suspense>
      ) : null}
      {open === 'import' ? <ImportDialog onClose={close} /> : null}
      {open === 'export' ? <ExportDialog onClose={close} /> : null}
      {open === 'data' ? <MyDataDialog onClose={close} /> : null}
      {open === 'lessons' ? <LessonsDialog onClose={close} /> : null}
      <SweepLayer />
    </nav>
  );
}
