/**
 * A dropped folder becomes one zip on the page, so the studio keeps and hashes one file, as it
 * does for a zip the user made. Stored, not deflated (images are compressed already), with paths
 * in code-point order and a fixed timestamp: the same folder always packs to the same bytes, so
 * to the same SHA-256 and the same experiment link.
 */
import { zipSync, type Zippable } from 'fflate';
import type { BroughtFile } from '../../../state/datasets';
import type { PickedFile } from '../../../ui/data/dropped-files';

// Local-time fields: the zip's DOS timestamps are then the same in every time zone.
const MTIME = new Date(2020, 0, 1);

export async function packFolder(files: PickedFile[]): Promise<BroughtFile | string> {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const zippable: Zippable = {};
  for (const f of sorted) zippable[f.path] = new Uint8Array(await f.file.arrayBuffer());
  if (sorted.length === 0) return 'The folder is empty.';
  const top = new Set(sorted.map((f) => f.path.split('/')[0]));
  const name = top.size === 1 && sorted[0]!.path.includes('/') ? `${[...top][0]}.zip` : 'images.zip';
  return { name, bytes: zipSync(zippable, { level: 0, mtime: MTIME }) };
}
