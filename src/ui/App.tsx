import { ChartsPanel } from './charts/ChartsPanel';
import { ControlPanel } from './controls/ControlPanel';
import { ErrorBoundary } from './ErrorBoundary';
import { RaceTable, Readouts } from './Readouts';
import { RunBar } from './RunBar';
import { RunNotices } from './RunNotices';
import { useConfigStore } from '../state/config';
import { taskUi } from '../tasks/ui';
import { leavePresentation, useLinkStore } from '../state/link';
import { StorageNotice } from './history/StorageNotice';
import { InterruptedRun } from './history/InterruptedRun';
import { LinkNotices } from './share/LinkNotices';
import { Stamp } from './share/Stamp';
import { Toolbar } from './Toolbar';
import { IntroButton } from './intro/IntroButton';
import { IntroCard } from './intro/IntroCard';
import { Tour } from './intro/Tour';
import { LessonPlayer } from './lessons/LessonPlayer';

export function App() {
  // The task's own views (each with its error boundary), between the readouts and the charts.
  const { Views } = taskUi(useConfigStore((s) => s.config.task.kind));
  const present = useLinkStore((s) => s.flags.present);
  return (
    <div className={`app${present ? ' present' : ''}`}>
      <header className="app-header">
        <div className="brand">
          <svg viewBox="0 0 32 32" width="28" height="28" aria-hidden="true">
            <circle cx="11" cy="16" r="9" fill="#4f46e5" />
            <circle cx="24" cy="16" r="5" fill="#f59e0b" />
          </svg>
          <div>
            <h1>KD Studio</h1>
            <p>Watch a small network learn from a big one.</p>
            <IntroButton />
          </div>
        </div>
        <RunBar />
        {present ? (
          <button type="button" className="leave-present" onClick={leavePresentation}>
            Show settings
          </button>
        ) : (
          <Toolbar />
        )}
      </header>
      {present ? null : (
        <aside className="sidebar">
          <ErrorBoundary name="settings">
            <ControlPanel />
          </ErrorBoundary>
        </aside>
      )}
      <main className="workspace">
        <LinkNotices />
        <RunNotices />
        <InterruptedRun />
        <StorageNotice />
        <IntroCard />
        <ErrorBoundary name="lesson">
          <LessonPlayer />
        </ErrorBoundary>
        <ErrorBoundary name="readouts">
          <Readouts />
          <RaceTable />
        </ErrorBoundary>
        <Views />
        <ErrorBoundary name="charts">
          <ChartsPanel />
        </ErrorBoundary>
        <Stamp />
      </main>
      <Tour />
    </div>
  );
}
