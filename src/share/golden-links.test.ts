/**
 * Golden links: every link recorded in golden-links.json (by scripts/golden-links.ts, from the
 * code before the link refactor) must still open to exactly the recorded config, flags and
 * notices, and the encoder must still write the recorded link. The fixture file is read, never
 * regenerated here: a failure means links in the wild would open differently.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TASK_DEFAULTS } from '../config/defaults';
import { PRESETS } from '../config/presets';
import type { ExperimentConfig } from '../config/schema';
import { decodeLink, encodeLink, encodeV1Link, type DecodedLink, type LinkFlags } from './link';

/** One recorded link (the shape scripts/golden-links.ts writes). */
interface GoldenLink {
  name: string;
  made:
    | { by: 'encodeLink'; config: ExperimentConfig; flags: Partial<LinkFlags> }
    | { by: 'encodeV1Link'; config: unknown; flags: Partial<LinkFlags> }
    | { by: 'hand' };
  link: string;
  decoded: DecodedLink;
}

const { fixtures } = JSON.parse(readFileSync(new URL('./golden-links.json', import.meta.url), 'utf8')) as {
  fixtures: GoldenLink[];
};

describe('golden links', () => {
  it('cover every shipped preset and task default, and every way of making a link', () => {
    const names = new Set(fixtures.map((f) => f.name));
    for (const p of PRESETS) expect(names).toContain(`preset ${p.id}`);
    for (const kind of Object.keys(TASK_DEFAULTS)) expect(names).toContain(`task default ${kind}`);
    expect(names.size).toBe(fixtures.length);
    expect(new Set(fixtures.map((f) => f.made.by))).toEqual(new Set(['encodeLink', 'encodeV1Link', 'hand']));
  });

  for (const f of fixtures) {
    describe(f.name, () => {
      it('opens to the recorded config, flags and notices', () => {
        expect(decodeLink(f.link)).toStrictEqual(f.decoded);
      });

      const made = f.made;
      if (made.by === 'encodeLink')
        it('is written by encodeLink exactly as recorded', () => {
          expect(encodeLink(made.config, made.flags)).toBe(f.link);
        });
      if (made.by === 'encodeV1Link')
        it('is written by encodeV1Link exactly as recorded', () => {
          expect(encodeV1Link(made.config, made.flags)).toBe(f.link);
        });
    });
  }
});
