/**
 * Browser tests run in the system Chromium (Playwright cannot download its own browser here),
 * with the flags that make WebGPU really run on SwiftShader in a headless, GPU-less machine.
 */
import { defineConfig } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';

const PORT = Number(process.env.E2E_PORT ?? 4178);

/**
 * Specs that measure the page's own timing (main-thread long tasks, how fast a failure is noticed,
 * Auto's trial, a Cancel heard): `npm run test:e2e` runs them alone, one at a time, after the
 * others, which share the two cores two at a time. Everything else waits on visible state only.
 */
const SOLO_SPECS = [
  'studio.spec.ts',
  'budget.spec.ts',
  'jobs.spec.ts',
  'worker-death.spec.ts',
  'device-loss.spec.ts',
  'auto-backend.spec.ts',
  'restart-race.spec.ts',
];

export default defineConfig({
  testDir: '.',
  outputDir: './artifacts/results',
  // SwiftShader is CPU-bound and CI has 2 cores: one at a time unless `--workers` says otherwise
  // (`npm run test:e2e` gives the shared project 2).
  workers: 1,
  fullyParallel: false,
  timeout: 240_000,
  expect: { timeout: 30_000 },
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    viewport: { width: 1440, height: 1000 },
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
    },
    // Tracing snapshots the DOM in the page after every action, which would itself show up as
    // main-thread long tasks; a screenshot on failure is enough.
    trace: 'off',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'shared', testIgnore: SOLO_SPECS },
    { name: 'solo', testMatch: SOLO_SPECS },
  ],
  webServer: {
    // The production build, served as a user would get it (built by `npm run test:e2e`).
    command: `npx vite preview --port ${PORT} --strictPort --host 127.0.0.1`,
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
