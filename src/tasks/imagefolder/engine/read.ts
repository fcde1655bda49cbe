/**
 * A folder zip read into images and words: the listing (../folder.ts), the decoded pixels, the
 * per-class check and the notices the Data section shows. The last read is kept, since the
 * inspect step and the load that follows it read the same file at the same size.
 */
import { checkClassCounts, readFolderZip, someFiles } from '../folder';
import type { ImageFolderTask } from '../schema';
import { decodeImages, type DecodedImages } from './decode';

export interface FolderRead extends DecodedImages {
  classNames: string[];
  notices: string[];
}

let last: { key: string; read: FolderRead } | null = null;

function noticesOf(listing: ReturnType<typeof readFolderZip>, d: DecodedImages, size: number): string[] {
  const notices: string[] = [];
  if (listing.notImages.length) notices.push(`Skipped ${someFiles(listing.notImages)}: not PNG, JPEG or WebP images.`);
  if (d.damaged.length) notices.push(`Skipped ${someFiles(d.damaged)}: damaged images that would not decode.`);
  if (listing.loose.length) notices.push(`Ignored ${someFiles(listing.loose)} outside the class folders.`);
  const sizes = [...d.sizes.keys()];
  const target = `${size}×${size}`;
  if (sizes.length > 1)
    notices.push(
      `The images come in ${sizes.length} sizes (${sizes.slice(0, 3).join(', ')}${sizes.length > 3 ? ', …' : ''}): each is resized to ${target}.`,
    );
  else if (sizes[0] !== target) notices.push(`The images are ${sizes[0]}: each is resized to ${target}.`);
  return notices;
}

export async function readFolder(
  task: ImageFolderTask,
  bytes: Uint8Array,
  onProgress?: (done: number, total: number) => void,
): Promise<FolderRead> {
  const key = `${task.dataset.sha256}:${task.size}:${task.channels}`;
  if (last?.key === key) {
    onProgress?.(bytes.length, bytes.length);
    return last.read;
  }
  const listing = readFolderZip(bytes, `“${task.dataset.name}”`);
  const decoded = await decodeImages(listing.images, task.size, task.channels, onProgress);
  checkClassCounts(listing.classNames, decoded.labels);
  const read = { ...decoded, classNames: listing.classNames, notices: noticesOf(listing, decoded, task.size) };
  last = { key, read };
  return read;
}
