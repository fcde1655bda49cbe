import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from './zod';

const SRC = join(import.meta.dirname, '..');
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sources(join(dir, d.name)) : /\.tsx?$/.test(d.name) ? [join(dir, d.name)] : [],
  );

describe('zod under the Content-Security-Policy', () => {
  it('runs without its eval fast path', () => {
    expect(z.config().jitless).toBe(true);
  });

  it('is imported from src/config/zod.ts only, so that no schema is built before that is set', () => {
    const direct = sources(SRC).filter(
      (f) => !f.endsWith(join('config', 'zod.ts')) && /from ['"]zod['"]/.test(readFileSync(f, 'utf8')),
    );
    expect(direct.map((f) => f.slice(SRC.length + 1))).toEqual([]);
  });
});

describe('zod’s own messages', () => {
  it('are replaced by plain words (raw library text never reaches a person)', () => {
    const s = z.object({ train: z.object({ lr: z.string() }), lanes: z.array(z.string()).max(1), on: z.boolean() });
    const r = s.safeParse({ lanes: ['a', 'b'], on: 3 });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.message)).toEqual([
      'Expected a group of settings, not nothing',
      'Too many entries',
      'Expected on or off, not a number',
    ]);
  });

  it('leave a schema’s own message alone', () => {
    expect(z.string({ error: 'The prompt is text' }).safeParse(1).error!.issues[0]!.message).toBe('The prompt is text');
  });
});
