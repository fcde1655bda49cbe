/**
 * Rewords the notices of the golden link fixtures (src/share/golden-links.json) after a change
 * to how notices are worded, and nothing else:
 *
 *   npx tsx scripts/golden-notices.ts
 *
 * Each fixture's link is decoded again; the script refuses to write anything when any part of
 * what a link opens to other than its notices (config, flags, what it was migrated from, an
 * error) differs from the recorded one, so links in the wild still open to what they did.
 * Review the diff: only notice texts may change.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as prettier from 'prettier';
import { isDeepStrictEqual } from 'node:util';
import { decodeLink } from '../src/share/link';

const OUT = 'src/share/golden-links.json';
const file = JSON.parse(readFileSync(OUT, 'utf8')) as {
  fixtures: { name: string; link: string; decoded: Record<string, unknown> & { notices?: string[] } }[];
};

let changed = 0;
for (const f of file.fixtures) {
  const now = decodeLink(f.link) as unknown as Record<string, unknown> & { notices?: string[] };
  const { notices: recorded, ...rest } = f.decoded;
  const { notices, ...restNow } = now;
  if (!isDeepStrictEqual(JSON.parse(JSON.stringify(restNow)), rest))
    throw new Error(`${f.name}: the link no longer opens to the recorded config or flags; nothing written`);
  if (!isDeepStrictEqual(notices, recorded)) {
    f.decoded.notices = notices;
    changed++;
  }
}
const text = await prettier.format(JSON.stringify(file), { ...(await prettier.resolveConfig(OUT)), filepath: OUT });
writeFileSync(OUT, text);
console.log(`${OUT}: notices reworded in ${changed} of ${file.fixtures.length} fixtures`);
