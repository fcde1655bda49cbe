/**
 * Canvas paints, one per task, after React has committed.
 *
 * Why: a zustand update (a metrics batch, a view update from the worker) renders React
 * synchronously, and React flushes the effects of a synchronous render in the same task. With
 * the live charts and the three boundary maps painting in those effects, one message from the
 * worker became one 60–70 ms main-thread task on a loaded 2-core machine. Queued here, every
 * paint is a task of its own (a few milliseconds), so the browser can handle input and draw a
 * frame between them.
 *
 * A canvas's newer paint replaces its older one still waiting, so a slow machine skips stale
 * paints instead of building a backlog.
 */
import { useEffect, useRef } from 'react';

type Paint = () => void;

const waiting = new Map<object, Paint>();
let scheduled = false;

/** Runs the oldest waiting paint, then yields to the browser before the next one. */
function runOne(): void {
  scheduled = false;
  const next = waiting.entries().next();
  if (next.done) return;
  const [key, paint] = next.value;
  waiting.delete(key);
  if (waiting.size > 0) schedule();
  paint();
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  setTimeout(runOne, 0);
}

/** Queues `paint` for `key` (a canvas), replacing a paint for the same key not yet run. */
export function queuePaint(key: object, paint: Paint): void {
  // Re-inserted at the back: a canvas that keeps changing does not starve the others.
  waiting.delete(key);
  waiting.set(key, paint);
  schedule();
}

/** Drops a waiting paint (the canvas is leaving the page). */
export function cancelPaint(key: object): void {
  waiting.delete(key);
}

/** How many paints are waiting (for tests). */
export function waitingPaints(): number {
  return waiting.size;
}

/**
 * `useEffect` for a canvas paint: runs `paint` in its own task whenever `deps` change. A newer
 * commit's paint replaces an older one still waiting, so the one that runs saw the newest props.
 */
export function usePaint(paint: Paint, deps: readonly unknown[]): void {
  const key = useRef<object>({});
  useEffect(() => {
    queuePaint(key.current, paint);
    // The caller's deps decide when to repaint, as with useEffect.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  useEffect(() => {
    const k = key.current;
    return () => cancelPaint(k);
  }, []);
}
