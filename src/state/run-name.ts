/**
 * A run's name. The person may give one (History's rename); else it is made from the run's
 * experiment: "Spiral · Forward KL vs Reverse KL · 14:05", "Moby-Dick · ULD · 14:05" (the data,
 * the objectives, the time it began). A made name always says the experiment the run is saved
 * with, so it is made again from the record's config, not kept from when the run began: an
 * older version could keep "Xor · …" on a run it saved as a spiral.
 */
import type { ExperimentConfig } from '../config/schema';
import { shortObjectiveName } from '../objectives';
import { forTask } from '../tasks/registry';

export function defaultName(c: ExperimentConfig, at: Date): string {
  const task = forTask(c.task).dataName(c.task);
  const objectives = c.lanes.map((l) => shortObjectiveName(l.objective)).join(' vs ');
  const time = at.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  return `${task[0]!.toUpperCase()}${task.slice(1)} · ${objectives} · ${time}`;
}

/** What a made name looks like: records from before `named` have only their name to tell. */
const MADE = /^[^·]+ · .+ · \d\d:\d\d$/;

/** The name a run shows and is saved under: the person's, or one made from its experiment. */
export function runName(r: { name: string; named?: boolean; config: ExperimentConfig; createdAt: number }): string {
  if (r.named || !MADE.test(r.name)) return r.name;
  try {
    return defaultName(r.config, new Date(r.createdAt));
  } catch {
    // A config this version cannot read (a record from an older one): its name as it is.
    return r.name;
  }
}
