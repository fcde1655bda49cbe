import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  // Relative base so the built studio also works from a sub-path (GitHub Pages, a lesson site).
  base: './',
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    // tfjs lives only in the worker chunk (about 2 MB); the UI chunk stays small.
    chunkSizeWarningLimit: 3000,
  },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173, strictPort: false },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
