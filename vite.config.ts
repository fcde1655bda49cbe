import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };
const tfjsLayers = JSON.parse(
  readFileSync(new URL('./node_modules/@tensorflow/tfjs-layers/package.json', import.meta.url), 'utf8'),
) as { version: string };

export default defineConfig({
  plugins: [react()],
  // The app version travels in every link's reproducibility stamp.
  // The tfjs-layers version lets the page explain an export limit without loading tfjs.
  define: { __APP_VERSION__: JSON.stringify(pkg.version), __TFJS_LAYERS_VERSION__: JSON.stringify(tfjsLayers.version) },
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
