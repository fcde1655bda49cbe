import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DataFileError } from '../../data/open';
import { checkClassCounts, MAX_UNPACKED_BYTES, readFolderZip, sniffImage } from './folder';
import { testSplit } from './split';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]);
const WEBP = new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 ');
const text = (s: string) => new TextEncoder().encode(s);
const zip = (files: Zippable) => zipSync(files, { level: 0 });
const fixture = (name: string) =>
  new Uint8Array(readFileSync(fileURLToPath(new URL(`../../../e2e/fixtures/imagefolder/${name}`, import.meta.url))));

const refusal = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(DataFileError);
    return (e as Error).message;
  }
  throw new Error('expected a refusal');
};

describe('readFolderZip', () => {
  it('reads one class per folder, in path order, peeling a single top folder', () => {
    const l = readFolderZip(
      zip({ 'pets/dogs/b.png': PNG, 'pets/dogs/a.jpg': JPEG, 'pets/cats/x.webp': WEBP, 'pets/README.txt': text('hi') }),
    );
    expect(l.classNames).toEqual(['cats', 'dogs']);
    expect(l.images.map((i) => [i.path, i.cls, i.type])).toEqual([
      ['pets/cats/x.webp', 0, 'image/webp'],
      ['pets/dogs/a.jpg', 1, 'image/jpeg'],
      ['pets/dogs/b.png', 1, 'image/png'],
    ]);
    expect(l.loose).toEqual(['pets/README.txt']);
    expect(l.notImages).toEqual([]);
  });

  it('counts files that are not images (by their bytes, not their names) and ignores system files', () => {
    const l = readFolderZip(
      zip({
        'a/1.png': PNG,
        'a/fake.png': text('no'),
        'b/2.png': PNG,
        'b/notes.txt': text('x'),
        '__MACOSX/a/._1.png': text('fork'),
        'a/.DS_Store': text('finder'),
      }),
    );
    expect(l.notImages).toEqual(['a/fake.png', 'b/notes.txt']);
    expect(l.images).toHaveLength(2);
  });

  it('refuses a zip without class folders, with one class, or not a zip at all', () => {
    expect(refusal(() => readFolderZip(zip({ '1.png': PNG, '2.png': PNG }), 'x.zip'))).toMatch(
      /x\.zip has no class folders/,
    );
    expect(refusal(() => readFolderZip(zip({ 'cats/1.png': PNG, 'cats/2.png': PNG })))).toMatch(
      /one class folder \(“cats”\)/,
    );
    expect(refusal(() => readFolderZip(text('hello, not a zip at all'), 'y.zip'))).toMatch(/y\.zip is not a zip file/);
  });

  it('refuses more than 100 classes and a zip of no images', () => {
    const many = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`c${i}/1.png`, PNG]));
    expect(refusal(() => readFolderZip(zip(many)))).toMatch(/101 class folders: the studio takes at most 100/);
    expect(refusal(() => readFolderZip(zip({ 'a/1.txt': text('a'), 'b/2.txt': text('b') })))).toMatch(
      /holds no images: none of its 2 files/,
    );
  });

  it('checks the declared unpacked size before inflating anything (the bomb fixture)', () => {
    const bomb = fixture('bomb.zip');
    expect(refusal(() => readFolderZip(bomb, 'bomb.zip'))).toMatch(
      new RegExp(
        `bomb\\.zip says it unpacks to \\d+ MB: the studio unpacks at most ${MAX_UNPACKED_BYTES / 1048576} MB`,
      ),
    );
  });

  it('reads the shipped fixtures', () => {
    const l = readFolderZip(fixture('fashion-3x30.zip'));
    expect(l.classNames).toEqual(['bag', 'sneaker', 'trouser']);
    expect(l.images).toHaveLength(90);
    expect(refusal(() => readFolderZip(fixture('no-folders.zip')))).toMatch(/no class folders/);
    expect(refusal(() => readFolderZip(fixture('not-images.zip')))).toMatch(/holds no images/);
    const tiny = readFolderZip(fixture('tiny-class.zip'));
    expect(tiny.images.filter((i) => i.cls === 0)).toHaveLength(4); // 3 good PNGs + 1 truncated one
  });
});

describe('checkClassCounts', () => {
  it('names the class with fewer than 5 images', () => {
    expect(refusal(() => checkClassCounts(['bag', 'trouser'], [0, 0, 0, 1, 1, 1, 1, 1]))).toBe(
      'The class “bag” has only 3 usable images: each class needs at least 5.',
    );
    expect(refusal(() => checkClassCounts(['a', 'b', 'c'], [2, 2, 2, 2, 2]))).toMatch(/“a” \(0\), “b” \(0\)/);
    expect(() => checkClassCounts(['a', 'b'], [0, 0, 0, 0, 0, 1, 1, 1, 1, 1])).not.toThrow();
  });
});

describe('sniffImage', () => {
  it('knows PNG, JPEG and WebP by their first bytes', () => {
    expect([PNG, JPEG, WEBP, text('GIF89a....')].map(sniffImage)).toEqual([
      'image/png',
      'image/jpeg',
      'image/webp',
      null,
    ]);
  });
});

describe('testSplit', () => {
  const labels = Array.from({ length: 100 }, (_, i) => (i < 60 ? 0 : i < 90 ? 1 : 2));
  it('holds out a stratified fraction of each class, seeded, disjoint and complete', () => {
    const { train, test } = testSplit(labels, 3, 0.2, 7);
    const count = (rows: Int32Array, c: number) => Array.from(rows).filter((i) => labels[i] === c).length;
    expect([0, 1, 2].map((c) => count(test, c))).toEqual([12, 6, 2]);
    expect([...train, ...test].sort((a, b) => a - b)).toEqual(labels.map((_, i) => i));
    expect(testSplit(labels, 3, 0.2, 7)).toEqual({ train, test });
    expect(testSplit(labels, 3, 0.2, 8).test).not.toEqual(test);
    // Shuffled: the first test rows are not all of class 0.
    expect(new Set(Array.from(test.subarray(0, 8), (i) => labels[i])).size).toBeGreaterThan(1);
  });

  it('keeps at least one image of each class on each side', () => {
    const { train, test } = testSplit([0, 0, 1, 1, 1, 1, 1], 2, 0.1, 1);
    expect(Array.from(test, (i) => [0, 0, 1, 1, 1, 1, 1][i]).sort()).toEqual([0, 1]);
    expect(train).toHaveLength(5);
  });
});
