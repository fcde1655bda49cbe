/**
 * The tfjs backend the worker trains on: chosen for a config's backend setting and workload,
 * kept while neither changes, and dropped when a WebGPU device is lost (its tensors, and so
 * the session, die with it). A backend whose device was lost is not chosen again: tfjs keeps
 * its broken instance for the worker's life. Auto's choice is remembered per model and device
 * (backend-memory.ts) until the person asks for a new trial (`forget`).
 */
import type { BackendChoice, BackendName } from '../config/schema';
import { selectBackend, watchDeviceLoss, type BackendInfo, type Workload } from '../engine/backend';
import { probeWebGpu } from '../engine/backend-probe';
import { BackendMemory, indexedDbStore, memoryKey, thisDevice, type ChoiceStore } from './backend-memory';
import type { Emit } from './protocol';

export interface EnsureOptions {
  /** What the remembered choice is keyed on (backend-memory.ts modelSignature). */
  signature?: unknown;
  /** Checked between the trial's steps: true ends it. */
  cancelled?: () => boolean;
}

export class BackendKeeper {
  private current?: { key: string; info: BackendInfo };
  private readonly lostBackends: BackendName[] = [];
  private readonly memory: BackendMemory;
  /** The memory key of the last Auto choice, for `forget`. */
  private lastMemoryKey?: string;

  /** `onLost` gets the lost backend and what the browser said; the run is the controller's to save. */
  constructor(
    private readonly emit: Emit,
    private readonly onLost: (lost: BackendName, detail: string) => void,
    store: ChoiceStore | null = indexedDbStore(),
  ) {
    this.memory = new BackendMemory(store);
  }

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
  async ensure(choice: BackendChoice, workload: Workload, options: EnsureOptions = {}): Promise<void> {
    const key = JSON.stringify([choice, workload]);
    if (this.current?.key !== key) {
      // Without the imported models' files nothing real can be timed: such a choice is not kept.
      const provisional = workload.studentMissing || workload.teacherMissing;
      const remembering =
        choice === 'auto' && options.signature !== undefined && !provisional
          ? memoryKey(options.signature, thisDevice(await gpuName()))
          : undefined;
      const remembered = remembering ? await this.memory.recall(remembering) : null;
      const info = await selectBackend(choice, workload, {
        lost: this.lostBackends,
        cancelled: options.cancelled,
        remembered: remembered ?? undefined,
        onProgress: (p) =>
          this.emit({
            type: 'status',
            status: 'preparing',
            reason: { code: 'choosing-backend', trying: p.threads ? `${p.name} + threads` : p.name, ...p },
          }),
      });
      if (remembering && !info.remembered && info.trials.some((t) => t.msPerStep !== undefined))
        await this.memory.remember(remembering, {
          name: info.name,
          ...(info.threads !== undefined && { threads: true }),
        });
      this.lastMemoryKey = remembering;
      this.current = { key, info };
      watchDeviceLoss((detail) => this.lost(info.name, detail));
    }
    this.emit({ type: 'backend', info: this.current.info });
  }

  /** Forgets Auto's remembered choice for the current experiment: the next build runs a trial. */
  async forget(): Promise<void> {
    if (this.lastMemoryKey) await this.memory.forget(this.lastMemoryKey);
    this.current = undefined;
  }

  private lost(name: BackendName, detail: string): void {
    // The watch is on the device of that choice; a later choice has its own.
    if (this.current?.info.name !== name) return;
    this.lostBackends.push(name);
    this.current = undefined;
    this.onLost(name, detail);
  }
}

/** The WebGPU adapter's name, as the device half of the memory key. */
async function gpuName(): Promise<string | null> {
  const gpu = await probeWebGpu().catch(() => null);
  return gpu ? `${gpu.description}${gpu.fallback ? ' (fallback)' : ''}` : null;
}
