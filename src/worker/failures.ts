/**
 * How the run stops when something fails, in words and never frozen: a training step that
 * threw (a missing kernel by name; anything else as the step it stopped after, the error in the
 * worker's console), or a fault outside any command (an unhandled rejection). A lost GPU device
 * fails the step it was in before the browser says the device is lost, so on WebGPU a failed
 * step's report waits a moment: if the loss comes, continuity.ts carries the run on instead.
 */
import type { BackendName } from '../config/schema';
import { tickFailure } from './error-reason';
import type { Emit } from './protocol';

/** How long a step failed on WebGPU waits for the browser to say the device was lost. */
const DEVICE_LOSS_GRACE_MS = 1000;

export interface FailureHost {
  emit: Emit;
  backend(): BackendName | undefined;
  /** A GPU device was lost in this worker. */
  deviceLost(): boolean;
  step(): number;
  stop(): void;
}

export class Failures {
  private held?: ReturnType<typeof setTimeout>;

  constructor(private readonly host: FailureHost) {}

  /** A failed step's report is being held back (the run counts as running for a lost device). */
  get holding(): boolean {
    return this.held !== undefined;
  }

  /** The device was lost after all: the held report is not sent. */
  drop(): void {
    clearTimeout(this.held);
    this.held = undefined;
  }

  /** A tick threw (the loop has stopped). */
  stepFailed(e: unknown): void {
    const report = () => {
      this.held = undefined;
      console.error('A training step failed', e);
      this.host.emit({ type: 'status', status: 'error', reason: tickFailure(e, this.host.step()) });
    };
    if (this.host.backend() === 'webgpu') this.held = setTimeout(report, DEVICE_LOSS_GRACE_MS);
    else report();
  }

  /** Something failed outside any command: the run stops and says so, unless a lost device explains it. */
  fault(e: unknown): void {
    if (this.host.deviceLost()) return console.warn('After the GPU device was lost:', e);
    console.error('Training worker fault', e);
    this.host.stop();
    this.host.emit({ type: 'status', status: 'error', reason: { code: 'worker-fault' } });
  }
}
