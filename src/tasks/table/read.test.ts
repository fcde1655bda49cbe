/** Reading a table: the label column's default, what columns become, missing values, and every bad file's message. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DataFileError } from '../../data/open';
import { sha256Hex } from '../../lib/sha256';
import { defaultLabelColumn } from './columns';
import { readTable, type ReadOptions } from './read';
import { PENGUINS_READ, PENGUINS_SAMPLE } from './sample';

const bytes = (text: string) => new TextEncoder().encode(text);
const opts = (over: Partial<ReadOptions> = {}): ReadOptions => ({
  name: 't.csv',
  labelColumn: '',
  missing: 'drop',
  ...over,
});
const read = (text: string, over: Partial<ReadOptions> = {}) => readTable(bytes(text), opts(over));
/** The message a bad file gets (and that it is a DataFileError, shown as it is). */
function problem(text: string | Uint8Array, over: Partial<ReadOptions> = {}): string {
  try {
    readTable(typeof text === 'string' ? bytes(text) : text, opts(over));
  } catch (e) {
    expect(e).toBeInstanceOf(DataFileError);
    return (e as Error).message;
  }
  throw new Error('the file was read');
}
/** n rows of "x,y,label" with two classes. */
const rowsOf = (n: number, f = (i: number) => `${i},${(i * 7) % 5},${i % 2 ? 'b' : 'a'}`) =>
  Array.from({ length: n }, (_, i) => f(i)).join('\n');

describe('the shipped penguins sample', () => {
  const file = new Uint8Array(readFileSync(new URL('../../../public/' + PENGUINS_SAMPLE.sample, import.meta.url)));
  it('is the file its DatasetRef names (name, size, SHA-256)', async () => {
    expect(file.length).toBe(PENGUINS_SAMPLE.bytes);
    expect(await sha256Hex(file)).toBe(PENGUINS_SAMPLE.sha256);
  });
  it('reads as the task’s defaults say: Species, 9 features (4 numbers, island and sex one-hot), 3 classes', () => {
    const r = readTable(file, { name: PENGUINS_SAMPLE.name, labelColumn: '', missing: 'drop' });
    expect({
      labelColumn: r.labelColumn,
      features: r.features,
      classes: r.classNames.length,
      classNames: r.classNames,
    }).toEqual(PENGUINS_READ);
    expect(r.summary.examples).toBe(333);
    expect(r.summary.notices).toEqual(['Dropped 11 rows with missing values.']);
    expect(r.summary.table!.rows).toHaveLength(8);
    const imputed = readTable(file, { name: PENGUINS_SAMPLE.name, labelColumn: 'Species', missing: 'impute' });
    expect(imputed.summary.examples).toBe(344);
    expect(imputed.summary.notices).toEqual([
      'Filled 8 missing numbers with the training-set mean: “Beak Length (mm)” 2, “Beak Depth (mm)” 2, “Flipper Length (mm)” 2, “Body Mass (g)” 2.',
      'Encoded 11 missing text values as no category (all zeros): “Sex” 11.',
    ]);
  });
});

describe('the label column', () => {
  it('defaults to one named label, class, target or species (any case), else the last column', () => {
    expect(defaultLabelColumn(['a', 'b', 'c'])).toBe('c');
    expect(defaultLabelColumn(['Species', 'b', 'c'])).toBe('Species');
    expect(defaultLabelColumn(['x', ' TARGET ', 'y'])).toBe(' TARGET ');
    expect(defaultLabelColumn(['species', 'Class', 'y'])).toBe('Class');
    expect(defaultLabelColumn(['target', 'y', 'label'])).toBe('label');
  });
  it('is the user’s choice when the file has it, else the default', () => {
    const text = `a,b,kind\n${rowsOf(20, (i) => `${i},${i % 2 ? 'p' : 'q'},${i % 3}`)}`;
    expect(read(text).labelColumn).toBe('kind');
    expect(read(text, { labelColumn: 'b' }).labelColumn).toBe('b');
    expect(read(text, { labelColumn: 'b' }).classNames).toEqual(['p', 'q']);
    expect(read(text, { labelColumn: 'gone' }).labelColumn).toBe('kind');
    // Numeric class names sort by value.
    expect(read(`x,label\n${rowsOf(20, (i) => `${i},${[10, 2, 1][i % 3]}`)}`).classNames).toEqual(['1', '2', '10']);
  });
});

describe('columns', () => {
  it('become numeric features, one-hot text (≤ 20 values), or are dropped with a notice', () => {
    const many = (i: number) => `id${i}`;
    const text = `n,colour,name,empty,label\n${rowsOf(30, (i) => `${i / 2},${['red', 'blue', 'green'][i % 3]},${many(i)},,${i % 2}`)}`;
    const r = read(text);
    expect(r.featureNames).toEqual(['n', 'colour = blue', 'colour = green', 'colour = red']);
    expect(r.features).toBe(4);
    expect(r.summary.notices).toEqual([
      'Dropped 1 column with no values: “empty”.',
      'Dropped 1 text column with more than 20 distinct values: “name”.',
    ]);
  });
  it('drop rows without a label, and rows with missing values when asked to', () => {
    const text = `a,b,label\n${rowsOf(20)}\n1,2,\n,3,a\nNA,4,b`;
    const dropped = read(text);
    expect(dropped.summary.examples).toBe(20);
    expect(dropped.summary.notices).toEqual([
      'Dropped 1 row without a label (“label” empty).',
      'Dropped 2 rows with missing values.',
    ]);
    const filled = read(text, { missing: 'impute' });
    expect(filled.summary.examples).toBe(22);
    expect(filled.summary.notices[1]).toBe('Filled 2 missing numbers with the training-set mean: “a” 2.');
  });
  it('read tab-separated files by their name, and guess the delimiter otherwise', () => {
    const tsv = `a\tb\tlabel\n${rowsOf(12, (i) => `${i}\t${i % 4}\t${i % 2}`)}`;
    expect(read(tsv, { name: 't.tsv' }).features).toBe(2);
    expect(read(tsv).features).toBe(2);
    expect(read(`a;b;label\n${rowsOf(12, (i) => `${i};${i % 4};${i % 2}`)}`).features).toBe(2);
  });
});

describe('a bad file gets a message naming the problem', () => {
  it('ragged rows', () => {
    expect(problem(`a,b,label\n1,2,x\n3,4\n5,6,y`)).toBe(
      '“t.csv” has rows of different lengths: the header has 3 columns, row 2 has 2.',
    );
  });
  it('unbalanced quotes', () => {
    expect(problem(`a,b,label\n1,2,x\n3,"4,y\n5,6,z`)).toMatch(
      /^“t\.csv” has an unbalanced quote near row \d+: a field that opens with " must close with "\.$/,
    );
  });
  it('a label column with one class', () => {
    expect(problem(`a,label\n${rowsOf(12, (i) => `${i},same`)}`)).toBe(
      'The label column “label” has only one class (“same”): a classifier needs at least two. Choose another label column.',
    );
  });
  it('a label column with more than 100 classes', () => {
    expect(problem(`a,label\n${rowsOf(150, (i) => `${i % 7},c${i}`)}`)).toBe(
      'The label column “label” has 150 classes: the studio classifies into at most 100. Choose another label column.',
    );
  });
  it('no feature after encoding', () => {
    expect(problem(`name,label\n${rowsOf(30, (i) => `n${i},${i % 2}`)}`)).toBe(
      '“t.csv” has no feature to learn from: no column besides the label “label” holds numbers or text with at most 20 distinct values.',
    );
    expect(problem(`label\n${rowsOf(30, (i) => `${i % 2}`)}`)).toMatch(/has no feature to learn from/);
  });
  it('an empty file, or a header only', () => {
    expect(problem('')).toBe('“t.csv” is empty: it has no header and no rows.');
    expect(problem(' \n\n')).toBe('“t.csv” is empty: it has no header and no rows.');
    expect(problem('a,b,label\n')).toBe('“t.csv” has a header but no rows.');
  });
  it('over the row limit', () => {
    const big = `a,label\n${'1,x\n2,y\n'.repeat(100_001)}`;
    expect(problem(big)).toBe('“t.csv” has more than 200,000 rows: the studio reads tables of up to 200,000 rows.');
  });
  it('over the feature limit', () => {
    const header = [...Array.from({ length: 1030 }, (_, i) => `f${i}`), 'label'].join(',');
    const row = (i: number) => [...Array.from({ length: 1030 }, (_, j) => (i * j) % 11), i % 2].join(',');
    expect(problem(`${header}\n${rowsOf(12, row)}`)).toBe(
      '“t.csv” has 1,030 features after one-hot encoding: the studio takes at most 1,024.',
    );
  });
  it('two columns with one name, and too few rows', () => {
    expect(problem(`a,a,label\n${rowsOf(12)}`)).toBe('“t.csv” has two columns named “a”: column names must differ.');
    expect(problem(`a,b,label\n${rowsOf(5)}`)).toBe('“t.csv” has 5 usable rows: the studio needs at least 10.');
  });
});
