import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { defineConfig, type Plugin } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { CSP_META, DEV_SECURITY_HEADERS, SECURITY_HEADERS } from './security.config.ts';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };
const tfjsLayers = JSON.parse(
  readFileSync(new URL('./node_modules/@tensorflow/tfjs-layers/package.json', import.meta.url), 'utf8'),
) as { version: string };

/**
 * The policy as a <meta> tag in the built index.html, for static hosts that send no headers:
 * right after the charset, before anything it governs. Only in the build: in development the
 * React refresh preamble is an inline script.
 */
const CHARSET = '<meta charset="UTF-8" />';
const cspMeta = (): Plugin => ({
  name: 'kd-studio-csp-meta',
  apply: 'build',
  transformIndexHtml(html) {
    if (!html.includes(CHARSET)) throw new Error(`index.html lost its ${CHARSET}: the CSP <meta> tag goes after it`);
    return html.replace(CHARSET, `${CHARSET}\n    <meta http-equiv="Content-Security-Policy" content="${CSP_META}" />`);
  },
});

export default defineConfig({
  plugins: [react(), cspMeta()],
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
  // The security policy and headers (security.config.ts) on every response.
  server: { port: 5173, strictPort: false, headers: DEV_SECURITY_HEADERS },
  preview: { port: 4173, strictPort: false, headers: SECURITY_HEADERS },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    // Every core (vitest leaves one free by default): on CI's 2 cores the suite takes 265 s
    // instead of 417 s, most of it single-threaded tfjs and Python replays.
    maxWorkers: availableParallelism(),
  },
});
