/**
 * Opening a saved run from History. With its students' weights saved, the run itself comes
 * back: its experiment, the students restored into the worker (with the teacher they learned
 * from), its step and curves, and its record goes on from there. Without, its experiment only,
 * to run again (same seed, same curves). A run that another tab is recording now opens as a
 * copy with a record of its own, so two tabs never write one run.
 */
import { validateConfig } from '../config/schema';
import { useConfigStore } from './config';
import { history, type SavedRun } from './history';
import { recordedElsewhere } from './run-locks';
import { useRunStore } from './run';
import { toSeries } from './series-log';
import { studio } from './studio';

/** Opens `r`; resolves to the sentence that says what happened. */
export async function openRun(r: SavedRun): Promise<string> {
  // A record from an older version may hold settings this one refuses: then nothing changes
  // (its students must not go on in the experiment that happens to be open instead).
  const valid = validateConfig(r.config);
  if (!valid.ok)
    return `“${r.name}” cannot be opened: its settings are not valid in this version (${valid.errors[0]!.message}).`;
  const weights = await history.weights(r.id).catch(() => undefined);
  const snapshot = weights?.snapshot;
  if (!snapshot) {
    useConfigStore.getState().replace(r.config, { fresh: true });
    return `Opened “${r.name}”: its students were not saved, so Play runs it again (same seed, same curves).`;
  }
  const copy = await recordedElsewhere(r.id);
  const createdAt = Date.now();
  const record = copy
    ? {
        id: `${createdAt}-${Math.random().toString(36).slice(2, 8)}`,
        name: `${r.name} (copy)`,
        named: true,
        createdAt,
        nextChunk: 0,
      }
    : {
        id: r.id,
        name: r.name,
        ...(r.named && { named: true }),
        createdAt: r.createdAt,
        nextChunk: await history.nextChunk(r.id),
      };
  // Read after the weights: the curves up to their step were stored before them (autosave.ts).
  const latest = (await history.get(r.id).catch(() => undefined)) ?? r;
  const series = { loss: toSeries(latest.series.loss), evals: toSeries(latest.series.evals) };
  useRunStore.getState().expectRestore(series, { ...record, copy });
  useConfigStore.getState().replace(r.config, { fresh: true });
  const result = await studio.resume(snapshot).catch((e: unknown) => ({ ok: false as const, why: String(e) }));
  if (!result.ok) {
    useRunStore.getState().cancelRestore();
    return `Opened “${r.name}”, but its saved students could not go back in (${result.why}): press Play to run it again.`;
  }
  const where = copy ? ' as a copy (it is training in another tab)' : '';
  return `Opened “${record.name}”${where} at step ${result.step.toLocaleString('en-US')}: press Play to continue training it.`;
}
