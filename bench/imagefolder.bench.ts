/// <reference lib="webworker" />
/**
 * The image-folder task's decoding, timed in a worker as the studio runs it: a zip of 5,000 PNGs
 * (64×64 colour, 5 classes, encoded here with OffscreenCanvas) read by readFolderZip and decoded
 * and resized by decodeImages, at 32×32×3 and 28×28×1. Images per second, listing included.
 */
import { zipSync, type Zippable } from 'fflate';
import { createRng } from '../src/lib/rng';
import { decodeImages } from '../src/tasks/imagefolder/engine/decode';
import { readFolderZip } from '../src/tasks/imagefolder/folder';

export const FOLDER_IMAGES = 5000;

async function makeZip(n: number): Promise<Uint8Array> {
  const rng = createRng(7, 'bench-folder');
  const canvas = new OffscreenCanvas(64, 64);
  const ctx = canvas.getContext('2d')!;
  const files: Zippable = {};
  for (let i = 0; i < n; i++) {
    // A few coloured shapes on a noisy ground: PNG sizes like small photos' thumbnails.
    const img = ctx.createImageData(64, 64);
    for (let p = 0; p < img.data.length; p += 4) img.data.set([rng.int(256), rng.int(256), rng.int(256), 255], p);
    ctx.putImageData(img, 0, 0);
    ctx.fillStyle = `hsl(${(i % 5) * 72} 80% 50%)`;
    ctx.fillRect(rng.int(32), rng.int(32), 24, 24);
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    files[`bench/class${i % 5}/${String(i).padStart(5, '0')}.png`] = new Uint8Array(await blob.arrayBuffer());
  }
  return zipSync(files, { level: 0 });
}

export async function imageFolderRows(log: (s: string) => void): Promise<(string | number)[][]> {
  const zip = await makeZip(FOLDER_IMAGES);
  log(`image folder: a zip of ${FOLDER_IMAGES} PNGs, ${(zip.length / 1e6).toFixed(1)} MB`);
  const rows: (string | number)[][] = [];
  for (const [size, channels] of [
    [32, 3],
    [28, 1],
  ] as const) {
    const t0 = performance.now();
    const listing = readFolderZip(zip, 'bench.zip');
    const t1 = performance.now();
    const decoded = await decodeImages(listing.images, size, channels);
    const t2 = performance.now();
    const perSecond = (decoded.labels.length / (t2 - t0)) * 1000;
    rows.push([
      `${size}×${size}×${channels}`,
      decoded.labels.length,
      Math.round(t1 - t0),
      Math.round(t2 - t1),
      Math.round(perSecond),
    ]);
    log(
      `image folder ${size}×${size}×${channels}: ${Math.round(perSecond)} images/s (unzip ${Math.round(t1 - t0)} ms, decode+resize ${Math.round(t2 - t1)} ms)`,
    );
  }
  return rows;
}
