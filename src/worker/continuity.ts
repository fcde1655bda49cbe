/**
 * Keeping a run going when what it ran on is gone. The worker keeps a host copy of the students
 * (host-copy.ts, every HOST_COPY_MS while training, and whenever the page asks for one to
 * save); from a copy the run resumes in this worker (a saved run opened from History, a new
 * worker taking over from a dead one: `resume`), or goes on by itself on another backend when
 * the GPU device is lost (`deviceLost`), with the same teacher and the steps since the copy
 * trained again.
 */
import type { BackendName } from '../config/schema';
import type { Session } from '../engine/session';
import { restoreSnapshot, snapshotMismatch, type StudentSnapshot } from '../engine/snapshot';
import { HostCopy } from './host-copy';
import type { Emit, ResumeResult } from './protocol';

/** What of the controller continuity works on. */
export interface ContinuityHost {
  emit: Emit;
  serial<T>(fn: () => Promise<T>): Promise<T>;
  session(): Session | undefined;
  /** Drops the session without disposing it (the caller does, or its device did). */
  dropSession(): void;
  /** Builds the current experiment if nothing is built; false when it could not be. */
  build(teacherWeights?: Float32Array): Promise<boolean>;
  /** The students were replaced: an epoch starts, nothing pending or shown is theirs. */
  studentsReplaced(): void;
  /** Sends the step's evaluation and the views. */
  sendAll(): Promise<void>;
  /** Sends the metrics waiting for the throttle now. */
  postPending(): void;
  running(): boolean;
  stop(): void;
  /** Starts the loop again and says so. */
  run(): void;
  backendName(): BackendName | undefined;
}

export class Continuity {
  readonly copy = new HostCopy();

  constructor(private readonly host: ContinuityHost) {}

  /**
   * A host copy of the students now, kept as the latest (null before anything is built). The
   * metrics not yet sent go first: the page then has the curves up to the copy's step before
   * it stores the copy, so a run resumed from it has no gap.
   */
  snapshot(): Promise<StudentSnapshot | null> {
    return this.host.serial(async () => {
      const s = this.host.session();
      if (!s) return null;
      this.host.postPending();
      return this.copy.refresh(s);
    });
  }

  /**
   * The students are about to be replaced (a restart, another experiment, Reset): the page gets
   * their last copy, after the metrics it has not seen, for the run they end (inside the queue).
   */
  async farewell(): Promise<void> {
    const s = this.host.session();
    if (!s || s.step === 0) return;
    this.host.postPending();
    this.host.emit({ type: 'replaced', snapshot: await this.copy.refresh(s) });
  }

  resume(snap: StudentSnapshot): Promise<ResumeResult> {
    const h = this.host;
    return h.serial(async () => {
      h.stop();
      // A teacher trained here comes back as it was, not trained again (nor on another backend).
      const s = h.session();
      if (s && snap.teacherWeights && s.teacher.weightsHash !== snap.teacherHash) {
        s.dispose();
        h.dropSession();
      }
      if (!(await h.build(snap.teacherWeights))) return { ok: false, why: 'the experiment could not be built' };
      const problem = snapshotMismatch(h.session()!, snap);
      if (problem) return { ok: false, why: problem };
      await this.restore(snap);
      h.emit({ type: 'status', status: 'paused' });
      return { ok: true, step: snap.step };
    });
  }

  /**
   * The GPU device is gone, and the session's tensors with it (called outside the queue, as the
   * browser tells). The run goes on by itself on the backend Auto picks among the others, from
   * the last host copy of the students and with the same teacher.
   */
  deviceLost(lost: BackendName, detail: string): void {
    const h = this.host;
    const wasRunning = h.running();
    h.stop();
    const dead = h.session();
    h.dropSession();
    if (dead) h.emit({ type: 'notice', notice: { code: 'backend-lost', lost, detail } });
    void h.serial(async () => {
      const copy = this.copy.latest;
      try {
        dead?.dispose();
      } catch {
        // Its buffers went with the device; nothing is left to free.
      }
      if (!dead) {
        h.emit({ type: 'status', status: 'error', reason: { code: 'device-lost', detail } });
        return;
      }
      h.emit({ type: 'continuing' });
      if (!(await h.build(copy?.teacherWeights ?? dead.teacher.trainedWeights))) return;
      const from = copy && !snapshotMismatch(h.session()!, copy) ? copy : undefined;
      if (from) await this.restore(from);
      else h.emit({ type: 'restored', step: 0 });
      const now = h.backendName()!;
      h.emit({ type: 'notice', notice: { code: 'backend-switched', lost, now, step: from?.step ?? 0, detail } });
      if (wasRunning) h.run();
    });
  }

  /** The students go back to `snap`; the UI keeps its series up to its step. */
  private async restore(snap: StudentSnapshot): Promise<void> {
    await restoreSnapshot(this.host.session()!, snap);
    this.copy.set(snap);
    this.host.studentsReplaced();
    this.host.emit({ type: 'restored', step: snap.step });
    await this.host.sendAll();
  }
}
