import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startAutosave } from './state/autosave';
import { useConfigStore } from './state/config';
import { modelStore, storageMessage } from './state/history';
import { openLinkFromLocation, startLinkSync, useLinkStore } from './state/link';
import { useRunStore } from './state/run';
import { studio } from './state/studio';
import { App } from './ui/App';
import './ui/styles.css';
import { dataFileReady } from './state/data-task';

// The link first (it may carry a whole experiment), then the worker, then the address bar sync.
const play = openLinkFromLocation();
studio.connect();
startLinkSync();
startAutosave(async () => {
  const models = await studio.exportStudents();
  return models.flatMap((m) => ('weights' in m ? [{ modelJson: m.modelJson, weights: m.weights }] : []));
});

/**
 * Imported models the experiment names are re-registered from this browser's storage. One that
 * is not there (a link from another browser) or cannot be loaded gets a link notice now, rather
 * than a failure on Play; the link then does not start playing by itself.
 */
async function restoreImportedModels(): Promise<boolean> {
  const config = useConfigStore.getState().config;
  const uses = [
    ['teacher', config.teacher.model],
    ['student', config.student],
  ] as const;
  const problems: string[] = [];
  for (const [role, spec] of uses) {
    if (spec.kind !== 'imported') continue;
    const model = `the imported ${role} “${spec.name}” (weights ${spec.hash})`;
    let stored: Awaited<ReturnType<typeof modelStore.get>>;
    try {
      stored = await modelStore.get(spec.hash);
    } catch (e) {
      problems.push(
        `This experiment uses ${model}, but this browser’s storage could not be read (${storageMessage(e)}): ` +
          `import its files with Import model before pressing Play.`,
      );
      continue;
    }
    if (!stored) {
      problems.push(
        `This experiment uses ${model}, which is not stored in this browser (imported models stay where they ` +
          `were imported): import its files with Import model before pressing Play.`,
      );
      continue;
    }
    const result = await studio
      .importModel({ ...stored, role, config, quiet: true })
      .catch((e: unknown) => ({ ok: false as const, error: (e as Error).message }));
    if (!result.ok)
      problems.push(
        `This experiment uses ${model}, stored in this browser, but it could not be loaded: ${result.error}`,
      );
  }
  if (problems.length) useLinkStore.setState((s) => ({ notices: [...s.notices, ...problems] }));
  return problems.length === 0;
}
void Promise.all([restoreImportedModels(), dataFileReady()]).then((ready) => {
  if (play && ready.every(Boolean)) studio.play();
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
