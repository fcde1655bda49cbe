/**
 * Importing a history file: its runs that History does not hold yet go in; the ones it holds
 * (the same run, by its id: the same file imported twice, or a run exported from here) are not
 * written again, and the message says how many there were instead of counting them as imported.
 * A run already here may be the one this tab is recording: it is never overwritten by an older copy.
 */
import { history, historyFromJson } from './history';

export interface ImportCounts {
  imported: number;
  /** Runs History already holds (or that the file holds twice). */
  duplicates: number;
  /** Runs that are not valid, by name. */
  skipped: string[];
  /** Runs of no steps, left out. */
  empty: number;
}

const runs = (n: number) => `${n} run${n === 1 ? '' : 's'}`;

/** What an import did, in a sentence. */
export function importMessage(c: ImportCounts): string {
  const parts: string[] = [];
  if (c.imported) parts.push(`Imported ${runs(c.imported)}`);
  if (c.duplicates)
    parts.push(
      c.imported
        ? `${c.duplicates} ${c.duplicates === 1 ? 'was' : 'were'} already in History and ${c.duplicates === 1 ? 'is' : 'are'} not imported again`
        : `Nothing imported: ${c.duplicates === 1 ? 'the run in this file is' : `all ${c.duplicates} runs in this file are`} already in History`,
    );
  if (c.skipped.length) parts.push(`skipped as not valid: ${c.skipped.join(', ')}`);
  if (c.empty) parts.push(`${runs(c.empty)} of no steps left out`);
  if (!c.imported && !c.duplicates) parts.unshift('Nothing imported');
  const text = parts.join('; ');
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

/** Reads `text` as a history file and stores its new runs; the sentence that says what happened. */
export async function importHistory(text: string): Promise<string> {
  const { runs: found, skipped, empty } = historyFromJson(text);
  const have = new Set(await history.ids());
  const fresh = found.filter((r) => !have.has(r.id) && have.add(r.id));
  await Promise.all(fresh.map((r) => history.put(r)));
  return importMessage({ imported: fresh.length, duplicates: found.length - fresh.length, skipped, empty });
}
