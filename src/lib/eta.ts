/**
 * How long a job still needs, measured from its progress so far: the rate of the steps since
 * the job's clock started, applied to the steps left. Nothing is assumed about the machine;
 * the first chunk (shader compilation, first allocations) makes the first estimate long, and
 * it comes down as the job goes on.
 */

/** Milliseconds left, or undefined before anything was measured (no step done since the clock started). */
export function remainingMs(
  startedAt: number,
  startDone: number,
  done: number,
  total: number,
  now: number,
): number | undefined {
  const elapsed = now - startedAt;
  const progressed = done - startDone;
  if (!(elapsed > 0) || !(progressed > 0) || total <= done) return total <= done ? 0 : undefined;
  return ((total - done) * elapsed) / progressed;
}

/** A duration as a person reads it: "12 s", "3 min", "1 h 35 min" (rounded: an estimate, not a promise). */
export function durationText(ms: number): string {
  const s = Math.max(1, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  return min % 60 ? `${h} h ${min % 60} min` : `${h} h`;
}
