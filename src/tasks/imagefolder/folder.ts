/**
 * Reading an image folder packed as a zip: which files are images of which class. Pure (fflate
 * runs in the worker and in Node), so the tests check every refusal without a browser. Decoding
 * the pixels is the engine's part (engine/decode.ts).
 *
 * Layout: one subfolder per class (`cats/1.png`), optionally inside a single top folder that
 * wraps them all (`pets/cats/1.png`, as zipping a folder makes). A class is named by its folder;
 * classes and files are in code-point order of their paths, so the same zip always gives the
 * same classes, the same rows and the same pixels.
 */
import { unzipSync, type UnzipFileInfo } from 'fflate';
import { DataFileError } from '../../data/open';
import { MAX_CLASSES } from './schema';

/** Most bytes the zip may unpack to, declared in its central directory (checked before inflating). */
export const MAX_UNPACKED_BYTES = 200 * 1024 * 1024;
/** Most images a folder may hold (the tensors of 20,000 32×32 colour images take 250 MB). */
export const MAX_IMAGES = 20_000;
/** Fewest images a class needs: some to train on and at least one to test on. */
export const MIN_PER_CLASS = 5;

export type ImageType = 'image/png' | 'image/jpeg' | 'image/webp';

export interface FolderImage {
  path: string;
  cls: number;
  type: ImageType;
  bytes: Uint8Array;
  /** Packed size in the zip (progress counts it). */
  packed: number;
}

export interface FolderListing {
  classNames: string[];
  /** Files that look like images (by their first bytes), in path order. */
  images: FolderImage[];
  /** Files in class folders that are not PNG, JPEG or WebP. */
  notImages: string[];
  /** Files outside any class folder. */
  loose: string[];
}

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The image type of a file from its first bytes (never from its name). */
export function sniffImage(b: Uint8Array): ImageType | null {
  if (b.length > 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'image/png';
  if (b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  const ascii = (from: number, to: number) => String.fromCharCode(...b.subarray(from, to));
  if (b.length > 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return null;
}

/** Files a system adds to folders (macOS resource forks, Finder and Explorer metadata): never data. */
const isSystemFile = (path: string) =>
  path.split('/').some((seg) => seg.startsWith('.') || seg === '__MACOSX' || /^(thumbs\.db|desktop\.ini)$/i.test(seg));

/** Every entry of the zip's directory, nothing inflated. */
function entries(zip: Uint8Array, name: string): UnzipFileInfo[] {
  const isZip = zip.length >= 22 && zip[0] === 0x50 && zip[1] === 0x4b && (zip[2] === 3 || zip[2] === 5);
  if (!isZip)
    throw new DataFileError(`${name} is not a zip file. Zip a folder with one subfolder of images per class.`);
  const infos: UnzipFileInfo[] = [];
  try {
    unzipSync(zip, {
      filter: (f) => {
        infos.push(f);
        return false;
      },
    });
  } catch {
    throw new DataFileError(`${name} is a damaged zip file: its directory cannot be read.`);
  }
  return infos;
}

/** Splits the zip's files into class folders; refuses a zip that cannot be an image folder. */
export function readFolderZip(zip: Uint8Array, name = 'The file'): FolderListing {
  const infos = entries(zip, name).filter((f) => !f.name.endsWith('/'));
  const declared = infos.reduce((sum, f) => sum + f.originalSize, 0);
  if (declared > MAX_UNPACKED_BYTES)
    throw new DataFileError(
      `${name} says it unpacks to ${mb(declared)}: the studio unpacks at most ${mb(MAX_UNPACKED_BYTES)} of images, so nothing was unpacked.`,
    );
  const kept = infos.map((f) => f.name.replace(/\\/g, '/')).filter((p) => !isSystemFile(p));
  // A single top folder wrapping the class folders (what zipping a folder makes) is peeled off.
  const first = new Set(kept.map((p) => p.split('/')[0]));
  const wrapped = first.size === 1 && kept.some((p) => p.split('/').length >= 3);
  const rel = (p: string) => (wrapped ? p.slice(p.indexOf('/') + 1) : p);
  const loose = kept.filter((p) => !rel(p).includes('/')).sort(byPath);
  const inClasses = kept.filter((p) => rel(p).includes('/'));
  if (inClasses.length === 0)
    throw new DataFileError(
      `${name} has no class folders: put each class’s images in a folder named after the class (cats/1.png, dogs/2.png, …) and zip the folders together.`,
    );
  const classNames = [...new Set(inClasses.map((p) => rel(p).split('/')[0]!))].sort(byPath);
  if (classNames.length > MAX_CLASSES)
    throw new DataFileError(
      `${name} has ${classNames.length} class folders: the studio takes at most ${MAX_CLASSES} classes.`,
    );
  if (classNames.length < 2)
    throw new DataFileError(
      `${name} has one class folder (“${classNames[0]}”): distillation needs at least 2 classes, one folder each.`,
    );
  const long = classNames.find((c) => c.length > 80);
  if (long) throw new DataFileError(`The class folder “${long.slice(0, 40)}…” has a name over 80 characters.`);
  const classOf = new Map(classNames.map((c, i) => [c, i]));
  const wanted = new Set(inClasses);
  const packed = new Map(infos.map((f) => [f.name, f.size]));
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip, { filter: (f) => wanted.has(f.name.replace(/\\/g, '/')) });
  } catch {
    throw new DataFileError(`${name} is a damaged zip file: some of its files cannot be unpacked.`);
  }
  const images: FolderImage[] = [];
  const notImages: string[] = [];
  for (const raw of Object.keys(files).sort(byPath)) {
    const path = raw.replace(/\\/g, '/');
    const bytes = files[raw]!;
    const type = sniffImage(bytes);
    if (!type) notImages.push(path);
    else images.push({ path, cls: classOf.get(rel(path).split('/')[0]!)!, type, bytes, packed: packed.get(raw) ?? 0 });
  }
  if (images.length === 0)
    throw new DataFileError(
      `${name} holds no images: none of its ${notImages.length} files in class folders is a PNG, JPEG or WebP image.`,
    );
  if (images.length > MAX_IMAGES)
    throw new DataFileError(`${name} holds ${images.length} images: the studio takes at most ${MAX_IMAGES}.`);
  return { classNames, images, notImages, loose };
}

/** Refuses classes with too few usable images, naming them. */
export function checkClassCounts(classNames: readonly string[], labels: ArrayLike<number>): void {
  const counts = new Array<number>(classNames.length).fill(0);
  for (let i = 0; i < labels.length; i++) counts[labels[i]!]!++;
  const few = classNames.map((c, i) => ({ c, n: counts[i]! })).filter(({ n }) => n < MIN_PER_CLASS);
  if (few.length === 0) return;
  if (few.length === 1)
    throw new DataFileError(
      `The class “${few[0]!.c}” has only ${few[0]!.n} usable image${few[0]!.n === 1 ? '' : 's'}: each class needs at least ${MIN_PER_CLASS}.`,
    );
  const list = few
    .slice(0, 5)
    .map(({ c, n }) => `“${c}” (${n})`)
    .join(', ');
  throw new DataFileError(
    `These classes have fewer than ${MIN_PER_CLASS} usable images: ${list}${few.length > 5 ? ', …' : ''}. Each class needs at least ${MIN_PER_CLASS}.`,
  );
}

/** "3 files (e.g. cats/notes.txt)": how notices count skipped files. */
export function someFiles(paths: readonly string[]): string {
  return `${paths.length} file${paths.length === 1 ? '' : 's'} (e.g. ${paths.slice(0, 2).join(', ')})`;
}
