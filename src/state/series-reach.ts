/**
 * Waiting for the curves to catch up with a copy of the students. The worker sends the metrics
 * it holds before it answers with a snapshot, but on another message channel: the snapshot can
 * arrive first. A copy is stored (or resumed from) only once the page has the curves up to its
 * step, so a run that goes on from it has no gap.
 */
import { useRunStore, type RunState } from './run';

const reached = (s: RunState, step: number) => ((s.pending?.loss ?? s.loss).steps.at(-1) ?? 0) >= step;

/** Resolves true once the run's loss series reach `step`, false after `ms` without. */
export function seriesReach(step: number, ms = 1000): Promise<boolean> {
  if (reached(useRunStore.getState(), step)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      clearTimeout(timer);
      unsubscribe();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), ms);
    const unsubscribe = useRunStore.subscribe((s) => reached(s, step) && done(true));
  });
}
