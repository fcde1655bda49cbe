/**
 * The tfjs backend the worker trains on: chosen for a config's backend setting and workload,
 * kept while neither changes, and dropped when a WebGPU device is lost (its tensors, and so
 * the session, die with it).
 */
import type { BackendChoice } from '../config/schema';
import { selectBackend, watchDeviceLoss, type BackendInfo, type Workload } from '../engine/backend';
import type { Emit } from './protocol';

export class BackendKeeper {
  private current?: { key: string; info: BackendInfo };

  /** `onLost` stops the run and forgets the session; the keeper tells the UI why. */
  constructor(
    private readonly emit: Emit,
    private readonly onLost: () => void,
  ) {}

  /** Whether a backend has been chosen (and not lost since). */
  get ready(): boolean {
    return this.current !== undefined;
  }

  /** Selects (and announces) the backend `choice` gives for `workload`, unless it is already in use. */
  async ensure(choice: BackendChoice, workload: Workload): Promise<void> {
    const key = JSON.stringify([choice, workload]);
    if (this.current?.key !== key) {
      const info = await selectBackend(choice, workload);
      this.current = { key, info };
      watchDeviceLoss((detail) => this.lost(detail));
    }
    this.emit({ type: 'backend', info: this.current.info });
  }

  private lost(detail: string): void {
    this.onLost();
    this.current = undefined;
    this.emit({ type: 'status', status: 'error', reason: { code: 'device-lost', detail } });
  }
}
