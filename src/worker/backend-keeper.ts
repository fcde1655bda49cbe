/**
 * The tfjs backend the worker trains on: chosen for a config's backend setting and workload,
 * kept while neither changes, and dropped when a WebGPU device is lost (its tensors, and so
 * the session, die with it). A backend whose device was lost is not chosen again: tfjs keeps
 * its broken instance for the worker's life.
 */
import type { BackendChoice, BackendName } from '../config/schema';
import { selectBackend, watchDeviceLoss, type BackendInfo, type Workload } from '../engine/backend';
import type { Emit } from './protocol';

export class BackendKeeper {
  private current?: { key: string; info: BackendInfo };
  private readonly lostBackends: BackendName[] = [];

  /** `onLost` gets the lost backend and what the browser said; the run is the controller's to save. */
  constructor(
    private readonly emit: Emit,
    private readonly onLost: (lost: BackendName, detail: string) => void,
  ) {}

  /** Whether a backend has been chosen (and not lost since). */
  get ready(): boolean {
    return this.current !== undefined;
  }

  /** The backend in use, if any. */
  get name(): BackendName | undefined {
    return this.current?.info.name;
  }

  /** Whether a GPU device was lost in this worker (errors of its last moments are its doing). */
  get deviceLost(): boolean {
    return this.lostBackends.length > 0;
  }

  /** Selects (and announces) the backend `choice` gives for `workload`, unless it is already in use. */
  async ensure(choice: BackendChoice, workload: Workload): Promise<void> {
    const key = JSON.stringify([choice, workload]);
    if (this.current?.key !== key) {
      const info = await selectBackend(choice, workload, this.lostBackends);
      this.current = { key, info };
      watchDeviceLoss((detail) => this.lost(info.name, detail));
    }
    this.emit({ type: 'backend', info: this.current.info });
  }

  private lost(name: BackendName, detail: string): void {
    // The watch is on the device of that choice; a later choice has its own.
    if (this.current?.info.name !== name) return;
    this.lostBackends.push(name);
    this.current = undefined;
    this.onLost(name, detail);
  }
}
