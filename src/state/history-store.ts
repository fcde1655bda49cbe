/**
 * What the page knows of History: how many runs it holds (the toolbar's count), the runs
 * themselves while someone looks at them (the History dialog), and why saving fails, if it
 * does. It follows every change, made here or in another tab (history-db.ts BroadcastChannel):
 * the count at once, the list at most once a second and only while it is watched, since
 * reading it assembles every run's series.
 */
import { create } from 'zustand';
import { history, onHistoryChange, storageMessage, type SavedRun } from './history';

const LIST_EVERY_MS = 1000;

interface HistoryState {
  runs: SavedRun[];
  count: number;
  /** Why saving does not work, if it does not. */
  error?: string;
  /** The error the person dismissed on the main page (a different one shows again). */
  dismissedError?: string;
  /** Id of the run being recorded now. */
  currentId?: string;
  /** Reads the list again now (and the count). */
  refresh(): Promise<void>;
  /** The list is on screen: it follows changes until the returned function is called. */
  watch(): () => void;
}

let watchers = 0;
let listTimer: ReturnType<typeof setTimeout> | undefined;
let lastList = 0;

export const useHistoryStore = create<HistoryState>((set, get) => ({
  runs: [],
  count: 0,
  async refresh() {
    try {
      lastList = Date.now();
      const runs = await history.list();
      set({ runs, count: runs.length });
    } catch (e) {
      set({ error: `Run history is unavailable: ${storageMessage(e)}. This run stays in memory.` });
    }
  },
  watch() {
    watchers++;
    void get().refresh();
    return () => void watchers--;
  },
}));

/** A change somewhere: the count now, the list soon if it is watched. */
function changed(): void {
  history
    .count()
    .then((count) => useHistoryStore.setState({ count }))
    .catch(() => undefined);
  if (!watchers || listTimer) return;
  const wait = Math.max(0, lastList + LIST_EVERY_MS - Date.now());
  listTimer = setTimeout(() => {
    listTimer = undefined;
    if (watchers) void useHistoryStore.getState().refresh();
  }, wait);
}

onHistoryChange(changed);
