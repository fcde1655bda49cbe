#!/usr/bin/env node
/**
 * `npm run bench:pytorch`: the studio's engine against its exported PyTorch project, steps per
 * second side by side (bench/pytorch/bench.ts), loaded through Vite's module runner because the
 * export bundles its Python sources with import.meta.glob.
 */
import { createServer } from 'vite';

const server = await createServer({
  server: { middlewareMode: true, hmr: false, watch: { ignored: ['**/*'] } },
  appType: 'custom',
  logLevel: 'error',
});
try {
  const { main } = await server.ssrLoadModule('/bench/pytorch/bench.ts');
  await main((line) => console.log(line));
} finally {
  await server.close();
}
