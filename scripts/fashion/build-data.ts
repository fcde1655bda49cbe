/**
 * Builds the Fashion-MNIST subset the studio ships: 12,000 training images (1,200 per class)
 * from the official 60k training file and 2,000 test images (200 per class) from the official
 * 10k test file, class-balanced and in a seeded order.   npm run data:fashion
 *
 * A subset because the browser downloads it: about 6 MB gzipped instead of 30 MB. The
 * output is byte-identical on every run (seeded choice, gzip with a fixed header), so a
 * rebuild shows up in git only when something really changed.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { createRng, shuffleInPlace, type Rng } from '../../src/lib/rng';
import {
  FASHION_CLASSES,
  FASHION_DIR,
  FASHION_FILES,
  FASHION_PIXELS,
  validateFashion,
} from '../../src/tasks/images/fashion';
import { SOURCE_DIR, SOURCE_FILES, readSplit, type LabelledImages } from './idx';

const SEED = 1234;
const TRAIN_PER_CLASS = 1200;
const TEST_PER_CLASS = 200;

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const OUT_DIR = join(ROOT, 'public', FASHION_DIR);

/**
 * Picks `perClass` rows of each class at random, then shuffles the picks together so that
 * any prefix of the subset (the tests use the first 500) is itself roughly balanced and the
 * app can batch it in file order. Returns row indices into the official file.
 */
function stratifiedSample(split: LabelledImages, perClass: number, rng: Rng): Uint32Array {
  const chosen: number[] = [];
  for (let c = 0; c < FASHION_CLASSES.length; c++) {
    const rows: number[] = [];
    for (let i = 0; i < split.count; i++) if (split.labels[i] === c) rows.push(i);
    if (rows.length < perClass) throw new Error(`class ${c} has only ${rows.length} rows, need ${perClass}`);
    // A fork per class: the picks of one class do not depend on how many rows the others have.
    chosen.push(...shuffleInPlace(rows, rng.fork(`class-${c}`)).slice(0, perClass));
  }
  return shuffleInPlace(Uint32Array.from(chosen), rng.fork('order'));
}

function gather(split: LabelledImages, rows: Uint32Array): { images: Uint8Array; labels: Uint8Array } {
  const images = new Uint8Array(rows.length * FASHION_PIXELS);
  const labels = new Uint8Array(rows.length);
  rows.forEach((row, i) => {
    images.set(split.images.subarray(row * FASHION_PIXELS, (row + 1) * FASHION_PIXELS), i * FASHION_PIXELS);
    labels[i] = split.labels[row]!;
  });
  return { images, labels };
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

const officialTrain = readSplit('train');
const officialTest = readSplit('t10k');
const trainRows = stratifiedSample(officialTrain, TRAIN_PER_CLASS, createRng(SEED, 'fashion-train'));
const testRows = stratifiedSample(officialTest, TEST_PER_CLASS, createRng(SEED, 'fashion-test'));
const train = gather(officialTrain, trainRows);
const test = gather(officialTest, testRows);

const parts = {
  trainImages: train.images,
  trainLabels: train.labels,
  testImages: test.images,
  testLabels: test.labels,
};
const problem = validateFashion(parts);
if (problem) throw new Error(problem);

mkdirSync(OUT_DIR, { recursive: true });
// unpackedBytes: the size once gunzipped, the progress total when a server sends the file
// content-encoded (src/engine/assets.ts).
const files: Record<string, { bytes: number; sha256: string; unpackedBytes: number }> = {};
for (const [part, data] of Object.entries(parts) as [keyof typeof parts, Uint8Array][]) {
  // Node's gzip header has mtime 0 and no file name, so equal input gives equal bytes.
  const gz = gzipSync(data, { level: 9 });
  writeFileSync(join(OUT_DIR, FASHION_FILES[part]), gz);
  files[FASHION_FILES[part]] = { bytes: gz.byteLength, sha256: sha256(gz), unpackedBytes: data.byteLength };
}

const sourceSha = (file: string): string => sha256(readFileSync(join(SOURCE_DIR, file)));
const meta = {
  name: 'Fashion-MNIST (KD Studio subset)',
  description:
    "Zalando's article images, 28×28 grey levels, 10 classes. A class-stratified, seeded subset of the official files.",
  source: 'https://github.com/zalandoresearch/fashion-mnist',
  license: {
    name: 'MIT',
    holder: 'Zalando Research',
    copyright: 'Copyright (c) 2017 Zalando SE, https://tech.zalando.com',
    url: 'https://github.com/zalandoresearch/fashion-mnist/blob/master/LICENSE',
    file: 'LICENSE.txt',
  },
  classes: FASHION_CLASSES,
  imageShape: [28, 28],
  format:
    'Raw uint8, gzip (level 9): images row-major N×28×28 (0 = black background, 255 = brightest), labels one byte each (0..9). Decompress with DecompressionStream("gzip").',
  counts: {
    train: train.labels.length,
    test: test.labels.length,
    trainPerClass: TRAIN_PER_CLASS,
    testPerClass: TEST_PER_CLASS,
  },
  seed: SEED,
  selection:
    'Per class, a seeded Fisher–Yates shuffle (src/lib/rng.ts, createRng(1234, "fashion-train" | "fashion-test"), fork "class-<c>") of that class\'s rows, first N kept; then all picks shuffled together (fork "order").',
  provenance: {
    train: {
      from: `${SOURCE_FILES.trainImages} + ${SOURCE_FILES.trainLabels} (official training set, 60,000 images)`,
      sha256: {
        [SOURCE_FILES.trainImages]: sourceSha(SOURCE_FILES.trainImages),
        [SOURCE_FILES.trainLabels]: sourceSha(SOURCE_FILES.trainLabels),
      },
    },
    test: {
      from: `${SOURCE_FILES.testImages} + ${SOURCE_FILES.testLabels} (official test set, 10,000 images; never used for training)`,
      sha256: {
        [SOURCE_FILES.testImages]: sourceSha(SOURCE_FILES.testImages),
        [SOURCE_FILES.testLabels]: sourceSha(SOURCE_FILES.testLabels),
      },
    },
    sourcePackage: 'Debian dataset-fashion-mnist (/usr/share/datasets/fashion-mnist)',
  },
  files,
  command: 'npm run data:fashion   (tsx scripts/fashion/build-data.ts)',
};
writeFileSync(join(OUT_DIR, FASHION_FILES.meta), `${JSON.stringify(meta, null, 2)}\n`);

// MIT asks that the notice travel with copies of the data.
writeFileSync(
  join(OUT_DIR, 'LICENSE.txt'),
  `Fashion-MNIST, subset made by scripts/fashion/build-data.ts from ${meta.source}

The MIT License (MIT)

${meta.license.copyright}

Permission is hereby granted, free of charge, to any person obtaining a copy of this software
and associated documentation files (the "Software"), to deal in the Software without
restriction, including without limitation the rights to use, copy, modify, merge, publish,
distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the
Software is furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or
substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING
BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,
DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
`,
);

for (const [name, f] of Object.entries(files)) {
  console.log(`${relative(ROOT, join(OUT_DIR, name))}  ${f.bytes} bytes  sha256 ${f.sha256}`);
}
console.log(
  `train ${train.labels.length} (${TRAIN_PER_CLASS}/class), test ${test.labels.length} (${TEST_PER_CLASS}/class), seed ${SEED}`,
);
