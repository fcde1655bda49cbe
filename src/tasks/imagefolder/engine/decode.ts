/**
 * Decoding and resizing the folder's images, in the worker: `createImageBitmap` decodes PNG,
 * JPEG and WebP, and a software `OffscreenCanvas` (willReadFrequently) scales each one to
 * size×size over black, so transparent pixels read as 0, like Fashion-MNIST's background. Images
 * are stretched to the square, not cropped: nothing of a class's object is cut away. Files are
 * decoded in path order and each image alone, so the same bytes always give the same pixels.
 */
import type { FolderImage } from '../folder';

export interface DecodedImages {
  /** uint8, N×size×size×channels, row-major, in the order of the images given. */
  pixels: Uint8Array;
  labels: Int32Array;
  /** Paths of the files that would not decode (damaged, or not what their first bytes say). */
  damaged: string[];
  /** How many images came in each original size, "28×28" → 60. */
  sizes: Map<string, number>;
}

/** Images decoded at once: decoding is asynchronous, the drawing one at a time. */
const BATCH = 16;

export class ImageResizer {
  private readonly ctx: OffscreenCanvasRenderingContext2D;

  constructor(
    readonly size: number,
    readonly channels: 1 | 3,
  ) {
    const ctx = new OffscreenCanvas(size, size).getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new Error('No 2D canvas in this worker');
    this.ctx = ctx;
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = 'high';
  }

  /** Writes one decoded image into `out` at image `index`. */
  draw(bitmap: ImageBitmap, out: Uint8Array, index: number): void {
    const { ctx, size, channels } = this;
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, size, size);
    ctx.drawImage(bitmap, 0, 0, size, size);
    const rgba = ctx.getImageData(0, 0, size, size).data;
    const base = index * size * size * channels;
    for (let p = 0; p < size * size; p++) {
      const r = rgba[p * 4]!;
      const g = rgba[p * 4 + 1]!;
      const b = rgba[p * 4 + 2]!;
      if (channels === 3) out.set([r, g, b], base + p * 3);
      else out[base + p] = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
    }
  }
}

const decodeOne = (img: FolderImage): Promise<ImageBitmap | null> =>
  createImageBitmap(new Blob([img.bytes as Uint8Array<ArrayBuffer>], { type: img.type })).catch(() => null);

/** Decodes every image; `onProgress` gets packed bytes done and in all. */
export async function decodeImages(
  images: readonly FolderImage[],
  size: number,
  channels: 1 | 3,
  onProgress?: (done: number, total: number) => void,
): Promise<DecodedImages> {
  const resizer = new ImageResizer(size, channels);
  const per = size * size * channels;
  const out = new Uint8Array(images.length * per);
  const labels: number[] = [];
  const damaged: string[] = [];
  const sizes = new Map<string, number>();
  const total = images.reduce((s, i) => s + i.packed, 0);
  let done = 0;
  let kept = 0;
  for (let start = 0; start < images.length; start += BATCH) {
    const batch = images.slice(start, start + BATCH);
    const bitmaps = await Promise.all(batch.map(decodeOne));
    batch.forEach((img, k) => {
      const bitmap = bitmaps[k];
      done += img.packed;
      if (!bitmap || bitmap.width === 0 || bitmap.height === 0) {
        damaged.push(img.path);
        bitmap?.close();
        return;
      }
      const key = `${bitmap.width}×${bitmap.height}`;
      sizes.set(key, (sizes.get(key) ?? 0) + 1);
      resizer.draw(bitmap, out, kept++);
      bitmap.close();
      labels.push(img.cls);
    });
    onProgress?.(done, total);
  }
  return { pixels: out.slice(0, kept * per), labels: Int32Array.from(labels), damaged, sizes };
}
