/**
 * Filling a language task's teacher-output pool, once, after the teacher is ready and before any
 * step: its windows are drawn from the seed, the teacher runs over them POOL_CHUNK windows at a
 * time, and each chunk's logits are read back (one `await data()`) and stored on the host
 * (pool-store.ts). Between chunks the progress is reported and a Cancel is heard.
 *
 * On the host, not the device: a step then builds its targets with one upload of the batch's
 * rows (the size of the teacher logits a forward pass would have made), the stored outputs take
 * no device memory, and top-k selection and the kept mass are computed in float64, the same
 * on every backend (README, Performance, has the step's cost measured).
 */
import * as tf from '@tensorflow/tfjs';
import { POOL_CHUNK } from '../../../config/chunks';
import { createRng } from '../../../lib/rng';
import { windowBatch } from '../../../engine/models/transformer-eval';
import type { Model } from '../../../engine/models/types';
import { TeacherCancelled, macrotask, type Progress } from '../../../engine/teacher';
import type { TeacherPool } from '../pool';
import { createStore, storeRows, truncatedMass, type PoolStore } from './pool-store';

/** The user cancelled filling the pool: nothing is built, and nothing went wrong (as a teacher's training). */
export class PoolCancelled extends TeacherCancelled {
  constructor() {
    super();
    this.message = 'Filling the teacher-output pool was cancelled';
    this.name = 'PoolCancelled';
  }
}

export interface FilledPool {
  store: PoolStore;
  /** Corpus offset of each pool window (its context + 1 ids: input and shifted labels). */
  starts: number[];
  /** Mean probability outside the stored top k, over the pool's tokens (0 for full outputs). */
  truncatedMass: number;
  /** The first `probe` windows with the teacher's full logits, evaluated beside the held-out set. */
  probe: { starts: number[]; logits: Float32Array };
}

/** The pool's windows: `size` seeded offsets into the training split, drawn as corpus windows are. */
export function poolStarts(trainEnd: number, context: number, size: number, seed: number): number[] {
  const rng = createRng(seed, 'pool-windows');
  const span = trainEnd - context - 1;
  return Array.from({ length: size }, () => rng.int(span));
}

/** Which pool windows step `step` trains on: `rows` seeded draws, with replacement. */
export function poolBatch(size: number, rows: number, seed: number, step: number): number[] {
  const rng = createRng(seed, `pool:${step}`);
  return Array.from({ length: rows }, () => rng.int(size));
}

export async function fillPool(args: {
  corpus: { ids: Int32Array; trainEnd: number };
  context: number;
  vocab: number;
  pool: TeacherPool;
  seed: number;
  teacher: Model;
  probeWindows: number;
  onProgress?: (p: Progress) => void;
  cancelled?: () => boolean;
}): Promise<FilledPool> {
  const { corpus, context: T, vocab: V, pool, teacher, onProgress, cancelled } = args;
  const starts = poolStarts(corpus.trainEnd, T, pool.size, args.seed);
  const store = createStore(pool, pool.size, T, V);
  const probeCount = Math.min(args.probeWindows, pool.size);
  const probe = new Float32Array(probeCount * T * V);
  onProgress?.({ phase: 'pool', done: 0, total: pool.size });
  for (let done = 0; done < pool.size;) {
    const n = Math.min(POOL_CHUNK, pool.size - done);
    const { x } = windowBatch(corpus.ids, starts.slice(done, done + n), T);
    const logits = tf.tidy(() => teacher.forward(tf.tensor2d(x, [n, T], 'int32')).logits);
    let values: Float32Array;
    try {
      values = (await logits.data()) as Float32Array;
    } finally {
      logits.dispose();
    }
    storeRows(store, done * T, values);
    if (done < probeCount) probe.set(values.subarray(0, (Math.min(probeCount, done + n) - done) * T * V), done * T * V);
    done += n;
    onProgress?.({ phase: 'pool', done, total: pool.size });
    if (cancelled && done < pool.size) {
      // A read-back on cpu or wasm never yields: let the Cancel message in.
      await macrotask();
      if (cancelled()) throw new PoolCancelled();
    }
  }
  return {
    store,
    starts,
    truncatedMass: truncatedMass(store),
    probe: { starts: starts.slice(0, probeCount), logits: probe },
  };
}
