/**
 * Which training rows a step sees. Toy tasks: a shuffled stream over all rows. With a data
 * budget: each batch mixes labelled rows (at least a quarter of the batch, so a 1% budget still
 * gets its labels seen) with rows of the unlabelled transfer set. With gap-aware sampling,
 * rows are drawn class by class, in proportion to the per-class teacher–student gap.
 */
import { createRng, type Rng } from '../lib/rng';
import { BatchSampler } from './sampler';

export interface BatchPlan {
  labelled: Int32Array;
  transfer: Int32Array;
}

export class BatchPlanner {
  private readonly labelledStream: BatchSampler;
  private readonly transferStream: BatchSampler | null;
  private readonly rng: Rng;
  private weights: number[] | null = null;
  /** Rows per class (by label for labelled rows, by the teacher's class for transfer rows). */
  private byClass: { labelled: number[][]; transfer: number[][] } | null = null;

  constructor(
    private readonly labelled: Int32Array,
    private readonly transfer: Int32Array,
    seed: number,
  ) {
    this.labelledStream = new BatchSampler(labelled.length, seed, 'student');
    this.transferStream = transfer.length ? new BatchSampler(transfer.length, seed, 'transfer') : null;
    this.rng = createRng(seed, 'gap-sampling');
  }

  /** Sizes of the two parts of a batch of `size`. */
  split(size: number): [number, number] {
    if (!this.transferStream) return [size, 0];
    const share = Math.max(this.labelled.length / (this.labelled.length + this.transfer.length), 0.25);
    const nL = Math.min(size, Math.max(1, Math.round(size * share)));
    return [nL, size - nL];
  }

  /** Turns on gap-aware sampling with per-class weights (null turns it off). */
  setClassWeights(
    weights: number[] | null,
    classOfLabelled: ArrayLike<number>,
    classOfTransfer: ArrayLike<number>,
  ): void {
    this.weights = weights;
    if (!weights || this.byClass) return;
    const group = (rows: Int32Array, cls: ArrayLike<number>) => {
      const out: number[][] = weights.map(() => []);
      rows.forEach((row, i) => out[cls[i]!]?.push(row));
      return out;
    };
    this.byClass = { labelled: group(this.labelled, classOfLabelled), transfer: group(this.transfer, classOfTransfer) };
  }

  /**
   * Moves both streams on as `steps` batches of `size` would have (a run going on from a
   * snapshot gets the batches it would have had). Gap-aware draws depend on evaluations, so
   * they are not replayed.
   */
  skip(steps: number, size: number): void {
    const [nL, nT] = this.split(size);
    this.labelledStream.skip(steps * nL);
    this.transferStream?.skip(steps * nT);
  }

  next(size: number): BatchPlan {
    const [nL, nT] = this.split(size);
    if (this.weights && this.byClass) {
      return {
        labelled: this.drawByClass(this.byClass.labelled, nL),
        transfer: this.drawByClass(this.byClass.transfer, nT),
      };
    }
    const labelled = this.labelledStream.next(nL).map((i) => this.labelled[i]!);
    const transfer = this.transferStream
      ? this.transferStream.next(nT).map((i) => this.transfer[i]!)
      : new Int32Array(0);
    return { labelled, transfer };
  }

  /** `n` rows: a class drawn by weight (among classes that have rows), then a row of it. */
  private drawByClass(rows: number[][], n: number): Int32Array {
    const w = this.weights!.map((v, c) => (rows[c]!.length ? Math.max(v, 1e-6) : 0));
    const total = w.reduce((a, b) => a + b, 0);
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      let u = this.rng.next() * total;
      let c = 0;
      while (c < w.length - 1 && u >= w[c]!) u -= w[c++]!;
      const list = rows[c]!;
      out[i] = list[this.rng.int(list.length)]!;
    }
    return out;
  }
}
