/**
 * When the training worker is gone (worker/liveness.ts): say so at once, start another with the
 * same experiment, give it what the page keeps (imported models, memory-only data files), put
 * the students back from the freshest copy there is and the curves up to its step, and leave
 * the run paused there for the person to go on. The freshest copy is the old worker's own when
 * it can still answer (after an error nothing caught), else the one History keeps with the run
 * (autosave.ts: every 10 s while training, and at every pause).
 */
import type { ResumeResult, RunNotice, StudentSnapshot, WorkerLoss } from '../worker/protocol';
import { history } from './history';
import { useHistoryStore } from './history-store';
import { useLinkStore } from './link';
import { useRunStore } from './run';
import { seriesReach } from './series-reach';
import { provideMemoryOnlyFiles, restoreImportedModels } from './worker-inputs';

/** How long a worker that threw gets to hand over its students. */
const SALVAGE_MS = 1500;

export interface RecoveryDeps {
  /** The lost worker's own copy of the students, if it still answers. */
  salvage(): Promise<StudentSnapshot | null>;
  replaceWorker(): void;
  resume(snap: StudentSnapshot): Promise<ResumeResult>;
}

let recovering = false;
/** A worker lost while the last one was being replaced: recovered next. */
let again: Parameters<typeof recoverWorker> | null = null;

const within = <T>(p: Promise<T>, ms: number): Promise<T | null> =>
  Promise.race([p.catch(() => null), new Promise<null>((r) => setTimeout(() => r(null), ms))]);

/** The freshest copy of the students there is, and how old it is. */
async function freshestCopy(
  cause: WorkerLoss,
  deps: RecoveryDeps,
): Promise<{ snapshot: StudentSnapshot; ageSeconds: number } | null> {
  const salvaged = cause === 'error' ? await within(deps.salvage(), SALVAGE_MS) : null;
  const id = useHistoryStore.getState().currentId;
  const saved = id ? await history.weights(id).catch(() => undefined) : undefined;
  const candidates = [
    ...(salvaged ? [{ snapshot: salvaged, ageSeconds: 0 }] : []),
    ...(saved?.snapshot ? [{ snapshot: saved.snapshot, ageSeconds: (Date.now() - saved.savedAt) / 1000 }] : []),
  ].sort((a, b) => b.snapshot.step - a.snapshot.step);
  // A copy ahead of the curves the page has would leave a gap in them: the next one, then.
  for (const c of candidates) if (await seriesReach(c.snapshot.step, SALVAGE_MS)) return c;
  return null;
}

export async function recoverWorker(cause: WorkerLoss, detail: string | undefined, deps: RecoveryDeps): Promise<void> {
  if (recovering) {
    again = [cause, detail, deps];
    return;
  }
  recovering = true;
  const run = useRunStore.getState();
  if (detail) console.error('The training worker is gone:', detail);
  run.notify({ code: 'worker-lost', cause });
  run.handle({ type: 'status', status: 'preparing' });
  // The curves stay on screen (and in the record) while the new worker gets ready.
  run.expectRestore();
  try {
    const copy = await freshestCopy(cause, deps);
    deps.replaceWorker();
    await restoreImportedModels((problems) => useLinkStore.setState((s) => ({ notices: [...s.notices, ...problems] })));
    await provideMemoryOnlyFiles();
    const done = (notice: RunNotice) => useRunStore.getState().notify(notice);
    if (!copy) {
      useRunStore.getState().cancelRestore();
      done({ code: 'worker-recovered', cause, step: 0 });
      return;
    }
    const r = await deps.resume(copy.snapshot);
    if (r.ok) done({ code: 'worker-recovered', cause, step: r.step, ageSeconds: copy.ageSeconds });
    else {
      useRunStore.getState().cancelRestore();
      done({ code: 'worker-recovery-failed', cause, why: r.why });
    }
  } catch (e) {
    // The new worker went too (its own loss is recovered next), or storage failed.
    console.error('Recovering the training worker failed', e);
  } finally {
    recovering = false;
    const next = again;
    again = null;
    if (next) void recoverWorker(...next);
  }
}
