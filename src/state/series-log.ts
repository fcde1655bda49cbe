/**
 * A run's series as History stores them: an append-only log of chunks, each holding only the
 * rows since the one before. Saving every couple of seconds (or 200 steps) then costs the new
 * rows, not the whole run again, however long the run. A chunk may first cut what came before
 * it: the points a divergence undid, or those after the step a run was restored to.
 */
import { Series } from './series';

export interface SeriesData {
  names: string[];
  steps: number[];
  columns: number[][];
}

/** Drop rows after these steps before appending (loss rows, evaluation rows). */
export interface Cut {
  loss: number;
  evals: number;
}

export interface SeriesChunk {
  seq: number;
  cut?: Cut;
  loss: SeriesData;
  evals: SeriesData;
}

/** Rows `from` onward of `s`, as plain arrays (a copy: the series goes on growing). */
export function rowsFrom(s: Series, from: number): SeriesData {
  return {
    names: [...s.names],
    steps: s.steps.slice(from),
    columns: s.columns.map((c) => c.slice(from)),
  };
}

const empty = (): Series => new Series([]);

function append(into: Series, rows: SeriesData): void {
  const indices = into.columnIndices(rows.names);
  const row = new Array<number>(rows.names.length);
  rows.steps.forEach((step, r) => {
    rows.columns.forEach((c, j) => (row[j] = c[r] ?? NaN));
    into.pushMapped(step, row, 0, indices);
  });
}

/** The series a log makes, in order of `seq` (after a base: a record saved whole). */
export function assemble(
  chunks: readonly SeriesChunk[],
  base?: { loss: SeriesData; evals: SeriesData },
): { loss: Series; evals: Series } {
  const loss = empty();
  const evals = empty();
  if (base) {
    append(loss, base.loss);
    append(evals, base.evals);
  }
  for (const chunk of [...chunks].sort((a, b) => a.seq - b.seq)) {
    if (chunk.cut) {
      loss.truncateAfter(chunk.cut.loss);
      evals.truncateAfter(chunk.cut.evals);
    }
    append(loss, chunk.loss);
    append(evals, chunk.evals);
  }
  return { loss, evals };
}

/** A copy of a whole series as plain data. */
export const seriesData = (s: Series): SeriesData => rowsFrom(s, 0);

/** A live series made from saved data (a run opened from History goes on growing it). */
export function toSeries(d: SeriesData): Series {
  const s = empty();
  append(s, d);
  return s;
}
