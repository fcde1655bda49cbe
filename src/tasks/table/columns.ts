/**
 * What each column of a table becomes: a numeric feature, a one-hot encoded text column (at
 * most MAX_CATEGORIES distinct values), or dropped with a reason. Pure: the worker reads files
 * with it, the tests check it.
 */
import { MAX_CATEGORIES } from './limits';

/** Cells that mean "no value": empty, NA, N/A, NaN, null, none, ? (any case, spaces trimmed). */
const MISSING = new Set(['', 'na', 'n/a', 'nan', 'null', 'none', '?']);
export function isMissing(cell: string): boolean {
  const n = cell.length;
  if (n === 0) return true;
  // The hot path (every cell of a 100,000-row file): a cell longer than any token, not padded
  // with spaces, is a value; only the rest are trimmed and lowercased.
  if (n > 4 && cell.charCodeAt(0) > 32 && cell.charCodeAt(n - 1) > 32) return false;
  return MISSING.has(cell.trim().toLowerCase());
}

/** The names a label column goes by, most telling first. */
const LABEL_NAMES = ['label', 'class', 'target', 'species'];

/** The label column when the user has not chosen one: one named label/class/target/species, else the last. */
export function defaultLabelColumn(header: readonly string[]): string {
  for (const name of LABEL_NAMES) {
    const hit = header.find((h) => h.trim().toLowerCase() === name);
    if (hit !== undefined) return hit;
  }
  return header[header.length - 1]!;
}

/** Numbers by value, anything else by code point: "2" before "10", the same order everywhere. */
export function naturalCompare(a: string, b: string): number {
  const x = Number(a);
  const y = Number(b);
  if (a.trim() !== '' && b.trim() !== '' && Number.isFinite(x) && Number.isFinite(y) && x !== y) return x - y;
  return a < b ? -1 : a > b ? 1 : 0;
}

export type Column =
  | { kind: 'numeric'; name: string; index: number; /** per row; NaN where missing */ values: Float64Array }
  | {
      kind: 'categories';
      name: string;
      index: number;
      categories: string[];
      /** per row: index into categories, -1 where missing */
      codes: Int32Array;
    }
  | { kind: 'dropped'; name: string; index: number; why: 'empty' | 'text' };

/**
 * Reads column `index` of `rows`: numeric when every value it has is a number, one-hot when it
 * has text with at most MAX_CATEGORIES distinct values, else dropped.
 */
export function readColumn(rows: readonly string[][], index: number, name: string): Column {
  const values = new Float64Array(rows.length);
  let present = 0;
  let numeric = true;
  for (let r = 0; r < rows.length; r++) {
    const cell = rows[r]![index]!;
    if (isMissing(cell)) {
      values[r] = NaN;
      continue;
    }
    present++;
    const v = Number(cell);
    if (Number.isFinite(v)) values[r] = v;
    else {
      numeric = false;
      break;
    }
  }
  if (numeric)
    return present === 0 ? { kind: 'dropped', name, index, why: 'empty' } : { kind: 'numeric', name, index, values };
  const distinct = new Set<string>();
  for (const row of rows) {
    const cell = row[index]!;
    if (isMissing(cell)) continue;
    distinct.add(cell.trim());
    if (distinct.size > MAX_CATEGORIES) return { kind: 'dropped', name, index, why: 'text' };
  }
  const categories = [...distinct].sort(naturalCompare);
  const code = new Map(categories.map((c, i) => [c, i]));
  const codes = new Int32Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const cell = rows[r]![index]!;
    codes[r] = isMissing(cell) ? -1 : code.get(cell.trim())!;
  }
  return { kind: 'categories', name, index, categories, codes };
}

/** Features a column adds: one per number, one per category. */
export const width = (c: Column): number =>
  c.kind === 'numeric' ? 1 : c.kind === 'categories' ? c.categories.length : 0;

/** Whether row `r` of a used column has no value. */
export const missingAt = (c: Column, r: number): boolean =>
  c.kind === 'numeric' ? Number.isNaN(c.values[r]!) : c.kind === 'categories' ? c.codes[r]! < 0 : false;

/** The column with only rows `keep` (ascending row indices). */
export function keepRows(c: Column, keep: Int32Array): Column {
  if (c.kind === 'numeric') return { ...c, values: Float64Array.from(keep, (r) => c.values[r]!) };
  if (c.kind === 'categories') return { ...c, codes: Int32Array.from(keep, (r) => c.codes[r]!) };
  return c;
}
