/**
 * The whole history as a JSON file and back: runs with their series, their students' model
 * files (base64) and the copy of their students a run resumes from (snapshot-file.ts), so an
 * imported run opens where it stopped. Reading never trusts the file: each run is validated
 * (and its config migrated) on its own, and one that fails is skipped by name; a run that
 * never trained is left out (History lists only runs that took a step).
 */
import { z } from '../config/zod';
import { validateConfig } from '../config/schema';
import { migrateConfig } from '../config/migrate';
import type { SavedRun } from './history';
import type { SeriesData } from './series-log';
import { snapshotFromJson, snapshotToJson } from './snapshot-file';

const FILE_FORMAT = 'kd-studio-history';

/** The file is not a history file: its message says so, for the person. */
export class HistoryFileError extends Error {}

const SeriesFile = z.object({
  names: z.array(z.string().max(200)).max(500),
  steps: z.array(z.number()).max(2_000_000),
  columns: z.array(z.array(z.number().nullable())).max(500),
});

const RunFile = z.object({
  id: z.string().max(100),
  name: z.string().max(200),
  named: z.boolean().optional(),
  createdAt: z.number(),
  updatedAt: z.number(),
  config: z.unknown(),
  summary: z.object({
    task: z.string().max(200),
    objectives: z.array(z.string().max(50)).max(6),
    step: z.number(),
    agreement: z.array(z.number().nullable()).max(6),
    accuracy: z.array(z.number().nullable()).max(6),
    backend: z.string().max(20).optional(),
    teacherHash: z.string().max(64).optional(),
    datasetHash: z.string().max(64).optional(),
  }),
  series: z.object({ loss: SeriesFile, evals: SeriesFile }),
  students: z
    .array(z.object({ modelJson: z.record(z.string(), z.unknown()), weights: z.string() }))
    .max(6)
    .optional(),
  // Checked on its own (snapshot-file.ts): a run whose copy is unusable still comes in, to run again.
  snapshot: z.unknown().optional(),
});

const HistoryFile = z.object({
  format: z.literal(FILE_FORMAT),
  version: z.literal(1),
  runs: z.array(z.unknown()).max(10_000),
});

const toBase64 = (buf: ArrayBuffer) => {
  let s = '';
  const bytes = new Uint8Array(buf);
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
};
const fromBase64 = (s: string): ArrayBuffer => Uint8Array.from(atob(s), (c) => c.charCodeAt(0)).buffer;

/** JSON of the whole history (NaN becomes null in JSON; it is restored on import). */
export function historyToJson(runs: SavedRun[]): string {
  return JSON.stringify({
    format: FILE_FORMAT,
    version: 1,
    runs: runs.map((r) => ({
      ...r,
      students: r.students?.map((s) => ({ modelJson: s.modelJson, weights: toBase64(s.weights) })),
      snapshot: r.snapshot && snapshotToJson(r.snapshot),
    })),
  });
}

const nan = (v: number | null) => (v === null ? NaN : v);

/**
 * Parses a history file. Runs that fail validation are skipped and named in `skipped`, runs of
 * no steps counted in `empty`; the file as a whole is rejected only when it is not a history
 * file at all.
 */
export function historyFromJson(text: string): { runs: SavedRun[]; skipped: string[]; empty: number } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new HistoryFileError('This file is not JSON, so it is not a KD Studio history file.');
  }
  const file = HistoryFile.safeParse(raw);
  if (!file.success)
    throw new HistoryFileError('This JSON file is not a KD Studio history file (no "format": "kd-studio-history").');
  const runs: SavedRun[] = [];
  const skipped: string[] = [];
  let empty = 0;
  file.data.runs.forEach((r, i) => {
    const parsed = RunFile.safeParse(r);
    const config = parsed.success ? validateConfig(migrateConfig(parsed.data.config).config) : null;
    if (!parsed.success || !config?.ok) {
      skipped.push(`run ${i + 1}${parsed.success ? ` (“${parsed.data.name}”)` : ''}`);
      return;
    }
    const { snapshot: savedStudents, ...d } = parsed.data;
    const series = (s: z.infer<typeof SeriesFile>): SeriesData => ({ ...s, columns: s.columns.map((c) => c.map(nan)) });
    const step = Math.max(d.summary.step, d.series.loss.steps.at(-1) ?? 0);
    if (!(step > 0)) {
      empty++;
      return;
    }
    const snapshot = savedStudents === undefined ? undefined : snapshotFromJson(savedStudents);
    runs.push({
      ...d,
      config: config.config,
      summary: {
        ...d.summary,
        step,
        agreement: d.summary.agreement.map(nan),
        accuracy: d.summary.accuracy.map(nan),
        // Open goes on from the students the file holds, if they are usable.
        weightsStep: snapshot?.step,
      },
      series: { loss: series(d.series.loss), evals: series(d.series.evals) },
      students: d.students?.map((s) => ({ modelJson: s.modelJson, weights: fromBase64(s.weights) })),
      ...(snapshot && { snapshot }),
    });
  });
  return { runs, skipped, empty };
}
