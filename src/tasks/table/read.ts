/**
 * A table file read into what the task trains on, before any split: the label column's
 * classes, the columns that become features, the rows kept, and what the user should know
 * (notices). TaskEngine.inspect and load both read a file with this, so what inspect recorded
 * in the config (features, classes) is what load builds. Pure TypeScript, no tfjs.
 */
import type { DataSummary } from '../../worker/protocol';
import { DataFileError } from '../../data/open';
import { parseCsv } from './csv';
import {
  defaultLabelColumn,
  isMissing,
  keepRows,
  missingAt,
  naturalCompare,
  readColumn,
  width,
  type Column,
} from './columns';
import {
  MAX_CATEGORIES,
  MAX_CLASS_NAME,
  MAX_TABLE_CLASSES,
  MAX_TABLE_FEATURES,
  MIN_TABLE_ROWS,
  PREVIEW_ROWS,
} from './limits';
import type { TableTask } from './schema';

export interface TableRead {
  labelColumn: string;
  classNames: string[];
  /** Class of each kept row. */
  y: Int32Array;
  /** The columns that become features, in file order, holding the kept rows. */
  columns: Column[];
  features: number;
  featureNames: string[];
  /** Rows kept, and what the Data section shows. */
  summary: DataSummary;
}

const count = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, one: string, many = `${one}s`) => `${count(n)} ${n === 1 ? one : many}`;
const names = (cs: readonly { name: string }[]) => cs.map((c) => `“${c.name}”`).join(', ');

/** What the user chose that a file read needs: the file's name, the label column ('' or unknown: the default), missing values. */
export type ReadOptions = Pick<TableTask, 'labelColumn' | 'missing'> & { name: string };

export function readTable(bytes: Uint8Array, opts: ReadOptions): TableRead {
  const { header, rows } = parseCsv(bytes, opts.name);
  const labelColumn = header.includes(opts.labelColumn) ? opts.labelColumn : defaultLabelColumn(header);
  const labelIndex = header.indexOf(labelColumn);
  const notices: string[] = [];

  const labelled = rows.filter((row) => !isMissing(row[labelIndex]!));
  if (labelled.length < rows.length)
    notices.push(`Dropped ${plural(rows.length - labelled.length, 'row')} without a label (“${labelColumn}” empty).`);

  const all = header.map((name, i) => (i === labelIndex ? null : readColumn(labelled, i, name)));
  const read = all.filter((c): c is Column => c !== null);
  const empty = read.filter((c) => c.kind === 'dropped' && c.why === 'empty');
  const text = read.filter((c) => c.kind === 'dropped' && c.why === 'text');
  if (empty.length) notices.push(`Dropped ${plural(empty.length, 'column')} with no values: ${names(empty)}.`);
  if (text.length)
    notices.push(
      `Dropped ${plural(text.length, 'text column')} with more than ${MAX_CATEGORIES} distinct values: ${names(text)}.`,
    );
  let columns: Column[] = read.filter((c) => c.kind !== 'dropped');
  const features = columns.reduce((n, c) => n + width(c), 0);
  if (features === 0)
    throw new DataFileError(
      `“${opts.name}” has no feature to learn from: no column besides the label “${labelColumn}” holds numbers or text with at most ${MAX_CATEGORIES} distinct values.`,
    );
  if (features > MAX_TABLE_FEATURES)
    throw new DataFileError(
      `“${opts.name}” has ${count(features)} features after one-hot encoding: the studio takes at most ${count(MAX_TABLE_FEATURES)}.`,
    );

  // Rows with a missing feature value: dropped, or kept for the encoder to fill (encode.ts).
  let kept = labelled;
  const incomplete = (r: number) => columns.some((c) => missingAt(c, r));
  if (opts.missing === 'drop') {
    const keep = Int32Array.from(labelled.keys()).filter((r) => !incomplete(r));
    if (keep.length < labelled.length) {
      notices.push(`Dropped ${plural(labelled.length - keep.length, 'row')} with missing values.`);
      kept = Array.from(keep, (r) => labelled[r]!);
      columns = columns.map((c) => keepRows(c, keep));
    }
  } else {
    const filled = columns.filter((c) => c.kind === 'numeric').map((c) => [c.name, gaps(c)] as const);
    const left = columns.filter((c) => c.kind === 'categories').map((c) => [c.name, gaps(c)] as const);
    const total = (v: (readonly [string, number])[]) => v.reduce((n, [, k]) => n + k, 0);
    const list = (v: (readonly [string, number])[]) =>
      v
        .filter(([, k]) => k > 0)
        .map(([n, k]) => `“${n}” ${count(k)}`)
        .join(', ');
    if (total(filled) > 0)
      notices.push(`Filled ${plural(total(filled), 'missing number')} with the training-set mean: ${list(filled)}.`);
    if (total(left) > 0)
      notices.push(`Encoded ${plural(total(left), 'missing text value')} as no category (all zeros): ${list(left)}.`);
  }
  if (kept.length < MIN_TABLE_ROWS)
    throw new DataFileError(
      `“${opts.name}” has ${plural(kept.length, 'usable row')}${kept.length < labelled.length ? ' once rows with missing values are dropped (fill them in instead?)' : ''}: the studio needs at least ${MIN_TABLE_ROWS}.`,
    );

  const classNames = [...new Set(kept.map((row) => row[labelIndex]!.trim()))].sort(naturalCompare);
  if (classNames.length < 2)
    throw new DataFileError(
      `The label column “${labelColumn}” has only one class (“${classNames[0]}”): a classifier needs at least two. Choose another label column.`,
    );
  if (classNames.length > MAX_TABLE_CLASSES)
    throw new DataFileError(
      `The label column “${labelColumn}” has ${count(classNames.length)} classes: the studio classifies into at most ${MAX_TABLE_CLASSES}. Choose another label column.`,
    );
  const classOf = new Map(classNames.map((c, i) => [c, i]));
  const y = Int32Array.from(kept, (row) => classOf.get(row[labelIndex]!.trim())!);

  return {
    labelColumn,
    classNames: classNames.map((c) => c.slice(0, MAX_CLASS_NAME)),
    y,
    columns,
    features,
    featureNames: columns.flatMap((c) =>
      c.kind === 'categories' ? c.categories.map((k) => `${c.name} = ${k}`) : [c.name],
    ),
    summary: {
      examples: kept.length,
      classNames,
      notices,
      table: { columns: header, rows: rows.slice(0, PREVIEW_ROWS) },
    },
  };
}

function gaps(c: Column): number {
  let n = 0;
  const rows = c.kind === 'numeric' ? c.values.length : c.kind === 'categories' ? c.codes.length : 0;
  for (let r = 0; r < rows; r++) if (missingAt(c, r)) n++;
  return n;
}
