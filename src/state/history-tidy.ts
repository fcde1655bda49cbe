/**
 * Records an older version left that History should not hold: runs of no steps (it wrote a
 * record for students that never trained, and could overwrite a run's summary with step 0
 * once the next experiment had cleared the page). Once per page: a record of no steps whose
 * curves do go further gets its step back; one that truly has none goes, unless a tab is
 * recording it. This version writes neither (autosave.ts).
 */
import { chunkRange, openHistory } from './history-db';
import { history } from './history';
import { isRecorded } from './run-locks';
import { assemble } from './series-log';
import { laneColumn } from '../lib/columns';

export async function tidyHistory(): Promise<void> {
  const d = await openHistory();
  const unstepped = (await d.getAll('runs')).filter((r) => !(r.summary.step > 0));
  for (const r of unstepped) {
    if (await isRecorded(r.id)) continue;
    const { loss, evals } = assemble(await d.getAll('chunks', chunkRange(r.id)), r.series);
    const last = loss.steps.at(-1) ?? 0;
    if (!(last > 0)) {
      await history.remove(r.id);
      continue;
    }
    // Its latest evaluations were overwritten with nothing too: read them from its curves.
    const latest = (metric: string) => r.config.lanes.map((_, l) => evals.last(laneColumn(l, metric)) ?? NaN);
    const summary = { ...r.summary, step: last, agreement: latest('agreement'), accuracy: latest('studentAccuracy') };
    await d.put('runs', { ...r, summary });
  }
}
