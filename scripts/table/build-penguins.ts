/**
 * Builds the table task's shipped sample, Palmer Penguins, from the copy in the npm package
 * vega-datasets (BSD-3-Clause; a devDependency, so no download at build time).
 *
 *   npm run data:penguins
 *
 * Writes public/data/penguins/penguins.csv: the 344 penguins in a seeded order (the source
 * lists them species by species, so the Data section's preview would show only Adélies), the
 * source's columns and names. Missing values (null, and "." for one bird's sex) become empty
 * fields, which the table reader counts as missing. Prints the file's SHA-256 and size: the
 * table task names the sample by them (src/tasks/table/sample.ts; a unit test checks they match).
 * Re-running gives byte-identical output.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import Papa from 'papaparse';
import { createRng, shuffleInPlace } from '../../src/lib/rng';

const PACKAGE = 'vega-datasets';
const OUT = 'public/data/penguins/penguins.csv';
const SEED = 2026;

const require = createRequire(import.meta.url);
// The package exports only its build (build/index.js): its folder is that file's parent's parent.
const pkgDir = dirname(dirname(require.resolve(PACKAGE)));
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string; license: string };
const rows = JSON.parse(readFileSync(join(pkgDir, 'data/penguins.json'), 'utf8')) as Record<string, unknown>[];

const columns = Object.keys(rows[0]!);
const missing = (v: unknown) => v === null || v === undefined || v === '.' || v === 'NA';
const order = shuffleInPlace(
  rows.map((_, i) => i),
  createRng(SEED, 'penguins'),
);
const data = order.map((i) => columns.map((c) => (missing(rows[i]![c]) ? '' : String(rows[i]![c]))));
const csv = `${Papa.unparse({ fields: columns, data }, { newline: '\n' })}\n`;

mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, csv);
const sha256 = createHash('sha256').update(csv).digest('hex');
console.log(`${PACKAGE} ${pkg.version} (${pkg.license}): ${rows.length} penguins, ${columns.length} columns`);
console.log(`wrote ${OUT}: ${Buffer.byteLength(csv)} bytes, sha256 ${sha256}`);
