import { ChartsPanel } from './charts/ChartsPanel';
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
import { useRef } from 'react';
import { useHeaderHeight } from './layout';
import { SettingsButton, SettingsDrawer, useDrawerModal } from './SettingsDrawer';

export function App() {
  // The task's own views (each with its error boundary), between the readouts and the charts.
  const { Views } = taskUi(useConfigStore((s) => s.config.task.kind));
  const present = useLinkStore((s) => s.flags.present);
  // The settings drawer is modal on a phone: the page behind it is out of reach until it closes.
  const drawer = useDrawerModal() && !present;
  const app = useRef<HTMLDivElement>(null);
  const header = useRef<HTMLElement>(null);
  useHeaderHeight(app, header);
  return (
    <div ref={app} className={`app${present ? ' present' : ''}`}>
      <header ref={header} className="app-header" inert={drawer}>
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
        <RunBar>{present ? null : <SettingsButton />}</RunBar>
        {present ? (
          <button type="button" className="leave-present" onClick={leavePresentation}>
            Show settings
          </button>
        ) : (
          <Toolbar />
        )}
      </header>
      {present ? null : <SettingsDrawer />}
      <main className="workspace" inert={drawer}>
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
          {/* A race's standings are wider than a phone: they scroll sideways in a box of
              their own (reachable by keyboard), not the page. Empty without a race. */}
          <div className="race-scroll" role="region" aria-label="Race standings, scrollable" tabIndex={0}>
            <RaceTable />
          </div>
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
