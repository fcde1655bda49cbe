/**
 * Builds the image-folder zips from the shipped Fashion-MNIST subset:   npm run data:imagefolder-fixture
 *
 * - public/data/imagefolder/fashion-sample.zip: the task's default data (4 classes × 40 training images);
 * - e2e/fixtures/imagefolder/fashion-3x30.zip: the browser test's folder (3 classes × 30 test images,
 *   inside one top folder, every tenth image at 56×56 so the sizes are mixed);
 * - e2e/fixtures/imagefolder/{no-folders,not-images,tiny-class,bomb}.zip: the bad files the browser
 *   test expects clear messages for (bomb.zip's size fields edited to declare 4 GB).
 *
 * Seeded picks, a tiny PNG encoder (Fashion-MNIST is grey, so grey PNGs) and a fixed zip time:
 * every run writes the same bytes. It prints the sample's DatasetRef for src/tasks/imagefolder/defaults.ts.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync, gunzipSync } from 'node:zlib';
import { zipSync, type Zippable } from 'fflate';
import { createRng, shuffleInPlace } from '../../src/lib/rng';
import { FASHION_DIR, FASHION_FILES, FASHION_PIXELS } from '../../src/tasks/images/fashion';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SEED = 2024;
// Local-time fields, so the zip's DOS timestamps are the same in every time zone.
const MTIME = new Date(2026, 0, 1);

// --- A minimal PNG encoder: 8-bit grey, no interlace, filter 0 on every row. ---
const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}
export function encodeGreyPng(pixels: Uint8Array, width: number, height: number): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // bit depth 8, colour type 0 (grey), deflate, filter 0, no interlace
  const raw = Buffer.alloc(height * (width + 1));
  for (let y = 0; y < height; y++) raw.set(pixels.subarray(y * width, (y + 1) * width), y * (width + 1) + 1);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const idat = deflateSync(raw, { level: 9 });
  return new Uint8Array(
    Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', new Uint8Array(0))]),
  );
}

/** Nearest-neighbour 2× upscale of a 28×28 image (a second size in the folder). */
const double = (img: Uint8Array) =>
  Uint8Array.from({ length: 56 * 56 }, (_, i) => img[((i / 112) | 0) * 28 + ((i % 56) >> 1)]!);

// --- The shipped Fashion-MNIST subset, as the app ships it. ---
const read = (file: string) => new Uint8Array(gunzipSync(readFileSync(join(ROOT, 'public', FASHION_DIR, file))));
const split = (which: 'train' | 'test') => ({
  images: read(which === 'train' ? FASHION_FILES.trainImages : FASHION_FILES.testImages),
  labels: read(which === 'train' ? FASHION_FILES.trainLabels : FASHION_FILES.testLabels),
});

/** `perClass` seeded picks of each class as PNG files, `folder/<class>/<nnn>.png`. */
function folderOf(
  which: 'train' | 'test',
  classes: Record<string, number>,
  perClass: number,
  prefix: string,
  mixSizes = false,
): Zippable {
  const { images, labels } = split(which);
  const rng = createRng(SEED, `${which}:${prefix}`);
  const files: Zippable = {};
  for (const [name, label] of Object.entries(classes)) {
    const rows = shuffleInPlace(
      Array.from(labels.keys()).filter((i) => labels[i] === label),
      rng,
    ).slice(0, perClass);
    rows.forEach((row, k) => {
      const img = images.subarray(row * FASHION_PIXELS, (row + 1) * FASHION_PIXELS);
      const png = mixSizes && k % 10 === 9 ? encodeGreyPng(double(img), 56, 56) : encodeGreyPng(img, 28, 28);
      files[`${prefix}${name}/${String(k).padStart(3, '0')}.png`] = png;
    });
  }
  return files;
}

const zip = (files: Zippable) => zipSync(files, { level: 6, mtime: MTIME });

/** Rewrites every local and central header's sizes to declare `bytes` unpacked per file. */
function declareSize(bytes: Uint8Array, declared: number): Uint8Array {
  const out = bytes.slice();
  const view = new DataView(out.buffer);
  for (let i = 0; i + 4 <= out.length; i++) {
    const sig = view.getUint32(i, true);
    if (sig === 0x04034b50) view.setUint32(i + 22, declared, true);
    if (sig === 0x02014b50) view.setUint32(i + 24, declared, true);
  }
  return out;
}

function write(path: string, bytes: Uint8Array): void {
  mkdirSync(dirname(join(ROOT, path)), { recursive: true });
  writeFileSync(join(ROOT, path), bytes);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  console.log(`${path}: ${bytes.length} bytes, sha256 ${sha256}`);
}

const text = (s: string) => new TextEncoder().encode(s);
const FIXTURES = 'e2e/fixtures/imagefolder';

write(
  'public/data/imagefolder/fashion-sample.zip',
  zip(folderOf('train', { bag: 8, dress: 3, sneaker: 7, trouser: 1 }, 40, 'fashion-sample/')),
);
write(
  `${FIXTURES}/fashion-3x30.zip`,
  zip(folderOf('test', { bag: 8, sneaker: 7, trouser: 1 }, 30, 'fashion-3x30/', true)),
);
write(
  `${FIXTURES}/no-folders.zip`,
  zip(Object.fromEntries(Object.entries(folderOf('test', { a: 1 }, 10, '')).map(([p, b]) => [p.split('/').pop()!, b]))),
);
write(
  `${FIXTURES}/not-images.zip`,
  zip({
    'cats/notes.txt': text('not an image\n'),
    'dogs/list.csv': text('a,b\n1,2\n'),
    'dogs/photo.png': text('a text file named .png\n'),
  }),
);
write(
  `${FIXTURES}/tiny-class.zip`,
  zip({
    ...folderOf('test', { trouser: 1 }, 20, ''),
    ...folderOf('test', { bag: 8 }, 3, ''),
    'bag/broken.png': encodeGreyPng(new Uint8Array(784), 28, 28).slice(0, 40),
  }),
);
write(`${FIXTURES}/bomb.zip`, declareSize(zip(folderOf('test', { bag: 8, trouser: 1 }, 5, '')), 0x7fffffff));
