/**
 * A CSV or TSV file's header and rows, as text, with Papa Parse: the first line names the
 * columns. Every way a file can fail to be a table (unbalanced quotes, rows of different
 * lengths, no rows, too many rows) is a DataFileError whose message names the file and the
 * place. Runs in the worker (TaskEngine.inspect and load), never on the page.
 */
import Papa from 'papaparse';
import { DataFileError } from '../../data/open';
import { MAX_TABLE_ROWS } from './limits';

export interface ParsedCsv {
  /** Column names, trimmed; an unnamed column is "Column 3". */
  header: string[];
  /** Data rows, each as long as the header. */
  rows: string[][];
}

const count = (n: number) => n.toLocaleString('en-US');

/** A tab-separated file by its name; anything else has its delimiter guessed (comma, tab, semicolon, bar). */
const delimiterFor = (name: string) => (/\.(tsv|tab)$/i.test(name) ? '\t' : '');

export function parseCsv(bytes: Uint8Array, name: string): ParsedCsv {
  // TextDecoder drops a UTF-8 byte-order mark, so the first column's name is clean.
  const text = new TextDecoder('utf-8').decode(bytes);
  if (text.trim() === '') throw new DataFileError(`“${name}” is empty: it has no header and no rows.`);
  const result = Papa.parse<string[]>(text, {
    delimiter: delimiterFor(name),
    delimitersToGuess: [',', '\t', ';', '|'],
    skipEmptyLines: true,
    // Past the limit there is no need to read on: one row more says the file is too long.
    preview: MAX_TABLE_ROWS + 2,
  });
  const quote = result.errors.find((e) => e.type === 'Quotes');
  if (quote)
    throw new DataFileError(
      `“${name}” has an unbalanced quote near row ${count((quote.row ?? 0) + 1)}: a field that opens with " must close with ".`,
    );
  const [first, ...rows] = result.data;
  if (!first) throw new DataFileError(`“${name}” is empty: it has no header and no rows.`);
  if (rows.length === 0) throw new DataFileError(`“${name}” has a header but no rows.`);
  if (rows.length > MAX_TABLE_ROWS)
    throw new DataFileError(
      `“${name}” has more than ${count(MAX_TABLE_ROWS)} rows: the studio reads tables of up to ${count(MAX_TABLE_ROWS)} rows.`,
    );
  const header = first.map((h, i) => h.trim() || `Column ${i + 1}`);
  const seen = new Set<string>();
  for (const h of header) {
    if (seen.has(h)) throw new DataFileError(`“${name}” has two columns named “${h}”: column names must differ.`);
    seen.add(h);
  }
  for (let r = 0; r < rows.length; r++) {
    const n = rows[r]!.length;
    if (n !== header.length)
      throw new DataFileError(
        `“${name}” has rows of different lengths: the header has ${header.length} columns, row ${count(r + 1)} has ${n}.`,
      );
  }
  return { header, rows };
}
