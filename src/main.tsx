import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { useConfigStore } from './state/config';
import { useRunStore } from './state/run';
import { studio } from './state/studio';
import { App } from './ui/App';
import './ui/styles.css';

studio.connect();

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
