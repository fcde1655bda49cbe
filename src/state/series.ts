/**
 * Append-only columns of numbers against the training step. Charts read them through
 * `minMaxIndices`, so a series can grow to any length without slowing the drawing.
 */
export class Series {
  readonly steps: number[] = [];
  readonly columns: number[][];
  readonly names: string[];

  constructor(names: readonly string[]) {
    this.names = [...names];
    this.columns = names.map(() => []);
  }

  /**
   * Indices of `names` in this series, adding missing columns (filled with NaN for the rows so
   * far: a lane that switched objective mid-run gets its new parts from that step on).
   */
  columnIndices(names: readonly string[]): number[] {
    return names.map((name) => {
      let i = this.names.indexOf(name);
      if (i < 0) {
        i = this.names.push(name) - 1;
        this.columns.push(new Array<number>(this.steps.length).fill(NaN));
      }
      return i;
    });
  }

  /** Appends one row whose values (at `offset`) belong to the columns at `indices`; others get NaN. */
  pushMapped(step: number, values: ArrayLike<number>, offset: number, indices: readonly number[]): void {
    this.steps.push(step);
    this.columns.forEach((col) => col.push(NaN));
    const row = this.steps.length - 1;
    indices.forEach((c, j) => (this.columns[c]![row] = values[offset + j]!));
  }

  get length(): number {
    return this.steps.length;
  }

  /** Appends one row read from `values` at `offset`. */
  push(step: number, values: ArrayLike<number>, offset = 0): void {
    this.steps.push(step);
    this.columns.forEach((col, i) => col.push(values[offset + i]!));
  }

  /** Drops every row after `step`. */
  truncateAfter(step: number): void {
    let n = this.steps.length;
    while (n > 0 && this.steps[n - 1]! > step) n--;
    this.steps.length = n;
    this.columns.forEach((c) => (c.length = n));
  }

  column(name: string): number[] | undefined {
    const i = this.names.indexOf(name);
    return i >= 0 ? this.columns[i] : undefined;
  }

  last(name: string): number | undefined {
    return this.column(name)?.at(-1);
  }
}
