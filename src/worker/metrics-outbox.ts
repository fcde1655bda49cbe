/**
 * Flush results waiting to be sent, and the batch they become: one `metrics` event with the
 * loss rows of every pending flush in one transferred array. When to send is the controller's
 * call (its throttle); this module only knows what a batch holds.
 */
import { laneColumn } from '../lib/columns';
import * as tf from '@tensorflow/tfjs';
import type { FlushResult, Session } from '../engine/session';
import type { Emit, MetricsBatch } from './protocol';

export class MetricsOutbox {
  private pending: FlushResult[] = [];
  private lastPostAt = 0;
  private stepsAtLastPost = 0;

  constructor(private readonly emit: Emit) {}

  /** When the last batch went out (performance.now()), for the controller's throttle. */
  get lastPost(): number {
    return this.lastPostAt;
  }

  get empty(): boolean {
    return this.pending.length === 0;
  }

  push(result: FlushResult): void {
    this.pending.push(result);
  }

  /** Drops what is pending: the students it describes are gone. */
  clear(): void {
    this.pending = [];
  }

  /** Starts the speed measurement afresh (Play), so paused time does not count. */
  restartClock(step: number): void {
    this.lastPostAt = performance.now();
    this.stepsAtLastPost = step;
  }

  /**
   * Sends what is pending as one batch. `force` sends even an empty one, so the UI learns the
   * step (and the new epoch) after a build or a reset.
   */
  post(s: Session, epoch: number, force = false): void {
    if (!force && this.pending.length === 0) return;
    const now = performance.now();
    const results = this.pending.length
      ? this.pending
      : [{ columns: s.lossColumns, steps: [], losses: new Float32Array(0), evals: [] }];
    const columns = results[0]!.columns.map((c) => laneColumn(c.lane, c.key));
    const steps = results.flatMap((r) => r.steps);
    const losses = new Float32Array(steps.length * columns.length);
    let off = 0;
    for (const r of results) {
      losses.set(r.losses, off);
      off += r.losses.length;
    }
    const evals = results.flatMap((r) => r.evals);
    const elapsed = (now - this.lastPostAt) / 1000;
    const batch: MetricsBatch = {
      columns,
      steps,
      losses,
      evals,
      stepsPerSecond: elapsed > 0 ? (s.step - this.stepsAtLastPost) / elapsed : 0,
      step: s.step,
      numTensors: tf.memory().numTensors,
      epoch,
    };
    this.pending = [];
    this.lastPostAt = now;
    this.stepsAtLastPost = s.step;
    this.emit({ type: 'metrics', batch }, [losses.buffer, ...evals.map((e) => e.values.buffer)]);
  }
}
