/**
 * The divergence guard's memory: copies of the students' variables at the last flush that is
 * known good ("confirmed": a later step produced a finite loss from it) and at the newest one
 * ("candidate"). On a NaN or Inf the session goes back to the newest checkpoint still good.
 */
import * as tf from '@tensorflow/tfjs';

export interface Checkpoint {
  step: number;
  weights: tf.Tensor[];
}

export class Checkpoints {
  private confirmed?: Checkpoint;
  private candidate?: Checkpoint;

  constructor(
    private readonly variables: () => tf.Variable[],
    private readonly step: () => number,
  ) {}

  private take(): Checkpoint {
    return { step: this.step(), weights: this.variables().map((v) => tf.clone(v)) };
  }

  /** Both checkpoints afresh (the students or their set of variables just changed). */
  retake(): void {
    this.dispose();
    this.confirmed = this.take();
    this.candidate = this.take();
  }

  /** A flush with finite losses: the candidate is confirmed, and a new candidate is taken. */
  advance(): void {
    disposeCheckpoint(this.confirmed);
    this.confirmed = this.candidate;
    this.candidate = this.take();
  }

  /**
   * Where to go back to when the first bad row of a flush is `row`: the candidate is good if
   * at least the first step after it had a finite loss.
   */
  restorePoint(row: number): Checkpoint {
    return row > 0 ? this.candidate! : this.confirmed!;
  }

  /**
   * Puts the variables back to `c`, which becomes the confirmed checkpoint, and takes a new
   * candidate there (the caller has set the step to `c.step`).
   */
  restore(c: Checkpoint): void {
    this.variables().forEach((v, i) => v.assign(c.weights[i]!));
    if (c !== this.confirmed) {
      disposeCheckpoint(this.confirmed);
      this.confirmed = c;
    } else if (this.candidate !== c) {
      disposeCheckpoint(this.candidate);
    }
    this.candidate = this.take();
  }

  dispose(): void {
    disposeCheckpoint(this.confirmed);
    if (this.candidate !== this.confirmed) disposeCheckpoint(this.candidate);
    this.confirmed = this.candidate = undefined;
  }
}

function disposeCheckpoint(c?: Checkpoint): void {
  c?.weights.forEach((w) => w.dispose());
}
