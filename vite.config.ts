import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
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

/**
 * WASM with threads in the production build. tfjs-backend-wasm starts its helper threads
 * from two scripts it makes at run time: the thread bootstrap as a blob: URL (which the
 * policy's worker-src 'self' refuses), and the Emscripten glue as the *source text* of its
 * own factory function (`wasmFactoryThreadedSimd.toString()`). Minified, that text refers to
 * names of the bundle's scope (`typeof _scriptDir!=="undefined"&&_scriptDir` became a bare
 * `e`), and every helper thread threw `ReferenceError: e is not defined` while the page waited
 * at "Choosing a backend…". Both scripts ship instead as files next to the worker chunk,
 * exactly as tfjs publishes them, and tfjs is pointed at them. Pinned to tfjs 4.22's code:
 * the build fails if the code to replace is not found.
 */
const wasmOut = (file: string) =>
  createRequire(import.meta.url).resolve(`@tensorflow/tfjs-backend-wasm/wasm-out/${file}`);
const wasmThreadAssets = (): Plugin => ({
  name: 'kd-studio-wasm-thread-assets',
  apply: 'build',
  transform(code, id) {
    if (!/tfjs-backend-wasm[\\/]dist[\\/]backend_wasm\.js$/.test(id)) return null;
    const bootstrap = (
      createRequire(import.meta.url)(wasmOut('tfjs-backend-wasm-threaded-simd.worker.js')) as {
        wasmWorkerContents: string;
      }
    ).wasmWorkerContents.replace(/\n/g, '\\n');
    const glue = readFileSync(wasmOut('tfjs-backend-wasm-threaded-simd.js'), 'utf8');
    const emit = (stem: string, source: string) => {
      const fileName = `assets/${stem}-${createHash('sha256').update(source).digest('hex').slice(0, 8)}.js`;
      this.emitFile({ type: 'asset', fileName, source });
      // Relative to the worker chunk, which is in assets/ too; a variable, so Vite leaves the URL alone.
      return `((n) => new URL(n, import.meta.url).href)(${JSON.stringify(fileName.slice('assets/'.length))})`;
    };
    const blobWorker =
      /const response = wasmWorkerContents\.replace\([^;]*;\s*const blob = new Blob\(\[response\][^;]*;\s*return URL\.createObjectURL\(blob\);/;
    const blobGlue =
      /factoryConfig\.mainScriptUrlOrBlob = new Blob\(\[`var WasmBackendModuleThreadedSimd = ` \+\s*wasmFactoryThreadedSimd\.toString\(\)\], \{ type: 'text\/javascript' \}\);/;
    if (!blobWorker.test(code) || !blobGlue.test(code))
      throw new Error(
        'tfjs-backend-wasm changed: its thread scripts can no longer be shipped as files (vite.config.ts)',
      );
    return code
      .replace(blobWorker, `return ${emit('tfjs-wasm-thread', bootstrap)};`)
      .replace(blobGlue, `factoryConfig.mainScriptUrlOrBlob = ${emit('tfjs-wasm-threaded-glue', glue)};`);
  },
});

export default defineConfig({
  plugins: [react(), cspMeta()],
  // The app version travels in every link's reproducibility stamp.
  // The tfjs-layers version lets the page explain an export limit without loading tfjs.
  define: { __APP_VERSION__: JSON.stringify(pkg.version), __TFJS_LAYERS_VERSION__: JSON.stringify(tfjsLayers.version) },
  // Relative base so the built studio also works from a sub-path (GitHub Pages, a lesson site).
  base: './',
  worker: { format: 'es', plugins: () => [wasmThreadAssets()] },
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
