/**
 * Reading a table as the worker does for the table task: a seeded 100,000-row × 20-column CSV
 * (16 numeric columns, 3 text columns of 4–12 values, a 5-class label, 1% of the numbers
 * missing) parsed with Papa Parse, its columns read and one-hot encoded, split by class and
 * standardised with the training rows' statistics. Reports rows per second for the whole path.
 */
import { createRng } from '../src/lib/rng';
import { encodeRows } from '../src/tasks/table/encode';
import { readTable } from '../src/tasks/table/read';
import { stratifiedSplit } from '../src/tasks/table/split';

export const CSV_ROWS = 100_000;
export const CSV_COLUMNS = 20;

/** The benchmark's file: the same bytes for a seed. */
export function benchCsv(rows = CSV_ROWS, seed = 1): Uint8Array {
  const rng = createRng(seed, 'bench-csv');
  const numeric = CSV_COLUMNS - 4;
  const header = [...Array.from({ length: numeric }, (_, j) => `x${j}`), 'colour', 'size', 'region', 'label'];
  const colours = ['red', 'green', 'blue', 'amber'];
  const sizes = ['XS', 'S', 'M', 'L', 'XL', 'XXL'];
  const regions = Array.from({ length: 12 }, (_, k) => `region-${k}`);
  const lines = [header.join(',')];
  for (let i = 0; i < rows; i++) {
    const label = rng.int(5);
    const cells: string[] = [];
    for (let j = 0; j < numeric; j++)
      cells.push(rng.next() < 0.01 ? '' : (label * (j % 3) + rng.normal() * 2 + j).toFixed(3));
    cells.push(colours[rng.int(4)]!, sizes[rng.int(6)]!, regions[rng.int(12)]!, `class-${label}`);
    lines.push(cells.join(','));
  }
  return new TextEncoder().encode(`${lines.join('\n')}\n`);
}

/** Reads, splits and encodes `bytes` as the table task's load does; returns the rows encoded. */
export function readAndEncode(bytes: Uint8Array): number {
  const read = readTable(bytes, { name: 'bench.csv', labelColumn: 'label', missing: 'impute' });
  const { train, test } = stratifiedSplit(read.y, read.classNames.length, 0.3, 42);
  const a = encodeRows(read.columns, read.features, train, train);
  const b = encodeRows(read.columns, read.features, train, test);
  if (a.x.length + b.x.length !== read.y.length * read.features) throw new Error('encoded the wrong number of values');
  return read.y.length;
}

/** Median rows per second over `rounds` reads of the benchmark file (one warm-up first). */
export function csvRowsPerSecond(rounds = 5): { rowsPerSecond: number; bytes: number; rounds: number[] } {
  const bytes = benchCsv();
  readAndEncode(bytes);
  const rates: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    const n = readAndEncode(bytes);
    rates.push((n / (performance.now() - t0)) * 1000);
  }
  const sorted = [...rates].sort((x, y) => x - y);
  return { rowsPerSecond: sorted[Math.floor(rounds / 2)]!, bytes: bytes.length, rounds: rates };
}
