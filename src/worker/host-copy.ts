/**
 * The worker's own last host copy of the students (engine/snapshot.ts), refreshed every few
 * seconds while training and whenever the page asks for one. A lost GPU device takes the
 * session's tensors with it; this copy is what the run goes on from on the next backend.
 */
import type { Session } from '../engine/session';
import { takeSnapshot, type StudentSnapshot } from '../engine/snapshot';

/**
 * How old the copy may get while training. A read-back of every student variable and optimiser
 * slot: a few milliseconds for the studio's students, so losing at most this much is cheap.
 */
export const HOST_COPY_MS = 2000;

export class HostCopy {
  private copy?: StudentSnapshot;
  private takenAt = -Infinity;

  get latest(): StudentSnapshot | undefined {
    return this.copy;
  }

  /** Whether the copy is older than HOST_COPY_MS at `now` (performance.now()). */
  due(now: number): boolean {
    return now - this.takenAt >= HOST_COPY_MS;
  }

  /** Takes a new copy of `session`'s students (between ticks: nothing pending). */
  async refresh(session: Session): Promise<StudentSnapshot> {
    this.copy = await takeSnapshot(session);
    this.takenAt = performance.now();
    return this.copy;
  }

  /** The students were put back to `snap`: it is the copy now. */
  set(snap: StudentSnapshot): void {
    this.copy = snap;
    this.takenAt = performance.now();
  }

  /** Other students (a restart, another experiment): the copy is of none of them. */
  clear(): void {
    this.copy = undefined;
    this.takenAt = -Infinity;
  }
}
