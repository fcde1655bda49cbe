/**
 * A data file the user brought (or a sample shipped with the app), as a config names it: by
 * its name, size and the SHA-256 of its bytes, never its contents. The bytes stay in this
 * browser (src/data/store.ts); a link carries only this reference, and a browser without the
 * file asks for it and checks the hash of what is dropped.
 */
import { z } from './zod';
import { int } from './fields';

/** Largest file the studio reads (the CSV limit; image zips and texts have lower ones). */
export const MAX_DATASET_BYTES = 50 * 1024 * 1024;

export const DatasetRef = z.object({
  name: z.string().min(1, 'A data file has a name').max(200, 'A data file name has at most 200 characters'),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'A data file is named by the 64 hex digits of its SHA-256'),
  bytes: int('File size', 1, MAX_DATASET_BYTES),
  /**
   * A sample shipped under public/ (its path there): read from the app, never uploaded. Names
   * only, no "..", "//" or scheme: a link can make the page read nothing outside data/.
   */
  sample: z
    .string()
    .max(200, 'A sample path has at most 200 characters')
    .regex(/^data(\/[a-z0-9_-]+(\.[a-z0-9_-]+)*)+$/, 'A sample lives under data/ in the app')
    .optional(),
});
export type DatasetRef = z.infer<typeof DatasetRef>;

/** "penguins.csv (13.5 kB, sha256 3f2a9c…)": how messages name a file. */
export function describeDataset(ref: DatasetRef): string {
  const size =
    ref.bytes >= 1024 * 1024 ? `${(ref.bytes / 1048576).toFixed(1)} MB` : `${Math.ceil(ref.bytes / 1024)} kB`;
  return `“${ref.name}” (${size}, SHA-256 ${ref.sha256.slice(0, 12)}…)`;
}

/** The data file a task config names, if it names one. */
export function datasetOf(task: object): DatasetRef | undefined {
  const d = (task as { dataset?: unknown }).dataset;
  return typeof d === 'object' && d !== null && 'sha256' in d ? (d as DatasetRef) : undefined;
}
