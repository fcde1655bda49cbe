import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startAutosave } from './state/autosave';
import { useConfigStore } from './state/config';
import { restoreImportedModels } from './state/worker-inputs';
import { testHooksWanted } from './state/test-hooks';
import { findInterrupted } from './state/interrupted';
import { tidyHistory } from './state/history-tidy';
import { useHistoryStore } from './state/history-store';
import { openLinkFromLocation, startLinkSync, useLinkStore } from './state/link';
import { useRunStore } from './state/run';
import { studio } from './state/studio';
import { App } from './ui/App';
import './ui/styles.css';
import './ui/narrow.css';
import { dataFileReady } from './state/data-task';
import { openIntroOnStart } from './state/intro';
import { openLessonFromLocation } from './state/lesson-share';
import { openSweepFromLocation } from './state/sweep-link';

// The link first (it may carry a whole experiment), then the worker, then the address bar sync.
const play = openLinkFromLocation();
openIntroOnStart(play);
// A lesson in the link waits in the lesson panel for Start.
openLessonFromLocation();
// A sweep's link shows its results over the experiment it ran.
openSweepFromLocation();
studio.connect();
startLinkSync();
startAutosave({
  async students() {
    const models = await studio.exportStudents();
    return models.flatMap((m) => ('weights' in m ? [{ modelJson: m.modelJson, weights: m.weights }] : []));
  },
  snapshot: () => studio.snapshot(),
});

// Runs of no steps an older version saved go first, so that neither the offer nor History lists them.
void tidyHistory()
  .catch(() => undefined)
  .then(() => useHistoryStore.getState().refresh())
  .then(findInterrupted);

const linkNotices = (problems: string[]) => useLinkStore.setState((s) => ({ notices: [...s.notices, ...problems] }));
void Promise.all([restoreImportedModels(linkNotices), dataFileReady()]).then((ready) => {
  if (play && ready.every(Boolean)) studio.play();
});

// A console handle for people who script experiments (and for the browser tests).
Object.assign(window, {
  kdStudio: {
    studio,
    config: () => useConfigStore.getState().config,
    setConfig: (c: unknown) => useConfigStore.getState().replace(c),
    run: () => useRunStore.getState(),
    // TEST HOOKS ONLY: a browser test asked for them before the app loaded (state/test-hooks.ts).
    ...(testHooksWanted() && { debug: studio.debug }),
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
