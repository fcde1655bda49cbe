/**
 * zod, as every schema here imports it: without its eval fast path. zod compiles a parser
 * with `new Function` when it may, and probes whether it may by trying; under the app's
 * Content-Security-Policy (no 'unsafe-eval', security.config.ts) that probe is refused and
 * reported as a violation, in the page and in the worker. Configured before any schema is made,
 * since zod decides per object schema when it is built. Configs are small: nothing measurable is lost.
 */
import { z } from 'zod';

z.config({ jitless: true });

export { z };
