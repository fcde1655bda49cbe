/**
 * Append-only columns of numbers against the training step. Charts read them through
 * `minMaxIndices`, so a series can grow to any length without slowing the drawing.
 */
export class Series {
  readonly steps: number[] = [];
  readonly columns: number[][];

  constructor(readonly names: readonly string[]) {
    this.columns = names.map(() => []);
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
