/**
 * The bytes of the data file a config names, wherever they are: a sample shipped under
 * public/ (read from the app and checked against its hash), or a file the user brought (kept
 * in this browser by src/data/store.ts). A file this browser lacks is a clear message naming
 * it, never a silent fallback to other data.
 */
import { describeDataset, type DatasetRef } from '../config/dataset';
import type { Assets } from '../engine/assets';
import { sha256Hex } from '../lib/sha256';
import { readDataset } from './store';

/** The named file is not in this browser: the page asks the user to drop it. */
export class DatasetMissingError extends Error {
  constructor(readonly ref: DatasetRef) {
    super(
      `This experiment uses your file ${describeDataset(ref)}, which is not in this browser: drop that file in the Data section to continue.`,
    );
    this.name = 'DatasetMissingError';
  }
}

/** A data file the user can fix (bad format, too small): its message is shown as it is. */
export class DataFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataFileError';
  }
}

export async function openDataset(ref: DatasetRef, assets: Assets | undefined): Promise<Uint8Array> {
  if (ref.sample) {
    if (!assets) throw new DataFileError(`The sample ${ref.name} ships with the app, which is not reachable here.`);
    const bytes = await assets.bytes(ref.sample);
    if ((await sha256Hex(bytes)) !== ref.sha256)
      throw new DataFileError(
        `The shipped sample ${ref.name} is not the one this experiment names (its hash differs).`,
      );
    return bytes;
  }
  const bytes = await readDataset(ref.sha256);
  if (!bytes) throw new DatasetMissingError(ref);
  return bytes;
}

/** What to tell the user about a failure while reading their data: never a raw library error. */
export function dataErrorMessage(e: unknown, ref?: DatasetRef): string {
  if (e instanceof DataFileError || e instanceof DatasetMissingError) return e.message;
  const what = ref ? describeDataset(ref) : 'The file';
  return `${what} could not be read: it is not in a format the studio understands.`;
}
