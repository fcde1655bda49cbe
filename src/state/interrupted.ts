/**
 * A run whose tab went while it trained (a reload, a closed tab, a crashed page: a worker that
 * fills its memory takes the page with it): History still marks it live, and no tab holds its
 * lock (run-locks.ts). The page offers to resume the newest such run once, when it opens.
 */
import { create } from 'zustand';
import { history, type SavedRun } from './history';
import { isRecorded } from './run-locks';

/** Only the newest few runs are looked at: an old interruption is History's to show. */
const LOOK_AT = 5;

interface InterruptedState {
  run?: SavedRun;
  dismiss(): void;
}

export const useInterruptedStore = create<InterruptedState>((set, get) => ({
  dismiss() {
    // Offered once: dismissed, it stays in History as it is, no longer taken for a live run.
    const run = get().run;
    if (run) void history.settle(run.id).catch(() => undefined);
    set({ run: undefined });
  },
}));

/** Looks for an interrupted run with its students saved (so it can go on), and offers the newest. */
export async function findInterrupted(): Promise<void> {
  try {
    const runs = (await history.list()).slice(0, LOOK_AT);
    for (const r of runs) {
      if (!r.live || r.summary.weightsStep === undefined || (await isRecorded(r.id))) continue;
      useInterruptedStore.setState({ run: r });
      return;
    }
  } catch {
    // No storage, no offer: the storage notice says why elsewhere.
  }
}
