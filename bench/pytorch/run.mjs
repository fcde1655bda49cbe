#!/usr/bin/env node
/**
 * `npm run bench:pytorch`: the studio's engine against its exported PyTorch project, steps per
 * second side by side (bench/pytorch/bench.ts), loaded through Vite's module runner because the
 * export bundles its Python sources with import.meta.glob.
 *   npm run bench:pytorch              everything
 *   npm run bench:pytorch -- toy       the toy step against PyTorch at batch 64 and 512, the BLAS line
 *   npm run bench:pytorch -- tasks     the three experiments' table
 */
import { createServer } from 'vite';

const server = await createServer({
  server: { middlewareMode: true, hmr: false, watch: { ignored: ['**/*'] } },
  appType: 'custom',
  logLevel: 'error',
});
try {
  const { main } = await server.ssrLoadModule('/bench/pytorch/bench.ts');
  // `npm run bench:pytorch -- toy` (or `tasks`): only that section.
  await main((line) => console.log(line), process.argv.slice(2));
} finally {
  await server.close();
}
