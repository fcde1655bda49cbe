/**
 * Which tab records which run. A tab holds a Web Lock named after the run it records for as
 * long as it records it; another tab can then tell a run that is live elsewhere (leave it be:
 * open a copy) from one whose tab is gone (interrupted: it can be resumed in place).
 */
const lockName = (id: string) => `kd-studio-run:${id}`;
const mine = new Set<string>();

/** Holds run `id`'s lock until the returned function is called. */
export function holdRun(id: string): () => void {
  mine.add(id);
  if (typeof navigator === 'undefined' || !navigator.locks) return () => mine.delete(id);
  let release: () => void = () => undefined;
  const held = new Promise<void>((r) => (release = r));
  void navigator.locks.request(lockName(id), () => held).catch(() => undefined);
  return () => {
    mine.delete(id);
    release();
  };
}

/** Whether another tab records run `id` now. */
export async function recordedElsewhere(id: string): Promise<boolean> {
  if (mine.has(id)) return false;
  return isRecorded(id);
}

/** Whether any tab (this one too) records run `id` now. */
export async function isRecorded(id: string): Promise<boolean> {
  if (mine.has(id)) return true;
  if (typeof navigator === 'undefined' || !navigator.locks) return false;
  const { held = [] } = await navigator.locks.query();
  return held.some((l) => l.name === lockName(id));
}
