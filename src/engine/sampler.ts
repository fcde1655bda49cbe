import { createRng, shuffleInPlace, type Rng } from '../lib/rng';

/**
 * An endless stream of mini-batch indices: seeded epochs of a shuffled permutation. Batches
 * run across epoch boundaries, so every batch has exactly `batchSize` rows.
 */
export class BatchSampler {
  private readonly rng: Rng;
  private order: Int32Array;
  private pos: number;

  constructor(
    private readonly n: number,
    seed: number,
    label: string,
  ) {
    this.rng = createRng(seed, `sampler:${label}`);
    this.order = this.shuffled();
    this.pos = 0;
  }

  private shuffled(): Int32Array {
    return shuffleInPlace(
      Int32Array.from({ length: this.n }, (_, i) => i),
      this.rng,
    );
  }

  /** Moves on as `count` draws would, without making them (a run going on from a snapshot). */
  skip(count: number): void {
    while (count > 0) {
      if (this.pos === this.n) {
        this.order = this.shuffled();
        this.pos = 0;
      }
      const take = Math.min(count, this.n - this.pos);
      this.pos += take;
      count -= take;
    }
  }

  next(batchSize: number): Int32Array {
    const out = new Int32Array(batchSize);
    for (let i = 0; i < batchSize; i++) {
      if (this.pos === this.n) {
        this.order = this.shuffled();
        this.pos = 0;
      }
      out[i] = this.order[this.pos++]!;
    }
    return out;
  }
}
