import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startAutosave } from './state/autosave';
import { useConfigStore } from './state/config';
import { modelStore } from './state/history';
import { openLinkFromLocation, startLinkSync } from './state/link';
import { useRunStore } from './state/run';
import { studio } from './state/studio';
import { App } from './ui/App';
import './ui/styles.css';

// The link first (it may carry a whole experiment), then the worker, then the address bar sync.
const play = openLinkFromLocation();
studio.connect();
startLinkSync();
startAutosave(async () => {
  const models = await studio.exportStudents();
  return models.flatMap((m) => ('weights' in m ? [{ modelJson: m.modelJson, weights: m.weights }] : []));
});

/** Imported models the experiment names are re-registered from this browser's storage. */
async function restoreImportedModels(): Promise<void> {
  const config = useConfigStore.getState().config;
  const uses = [
    ['teacher', config.teacher.model],
    ['student', config.student],
  ] as const;
  for (const [role, spec] of uses) {
    if (spec.kind !== 'imported') continue;
    const stored = await modelStore.get(spec.hash).catch(() => undefined);
    if (stored) await studio.importModel({ ...stored, role, config, quiet: true });
  }
}
void restoreImportedModels().then(() => {
  if (play) studio.play();
});

// A console handle for people who script experiments (and for the browser tests).
Object.assign(window, {
  kdStudio: {
    studio,
    config: () => useConfigStore.getState().config,
    setConfig: (c: unknown) => useConfigStore.getState().replace(c),
    run: () => useRunStore.getState(),
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
