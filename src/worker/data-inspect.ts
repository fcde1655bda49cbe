/**
 * Reading a user's data file for the Data section: the file's bytes from wherever this browser
 * keeps them, then the task's own reader (TaskEngine.inspect). Failures are answers with a
 * message for the user, never exceptions or raw library errors.
 */
import { datasetOf } from '../config/dataset';
import { dataErrorMessage, DatasetMissingError, openDataset } from '../data/open';
import type { Assets } from '../engine/assets';
import { engineFor } from '../tasks/engine';
import type { ExperimentConfig, InspectResult } from './protocol';

export async function inspectData(task: ExperimentConfig['task'], assets: Assets | undefined): Promise<InspectResult> {
  const ref = datasetOf(task);
  const engine = engineFor(task);
  if (!ref || !engine.inspect) return { ok: false, error: 'This task does not read a data file.' };
  try {
    const bytes = await openDataset(ref, assets);
    const { task: read, summary } = await engine.inspect(task, bytes);
    return { ok: true, task: read, summary };
  } catch (e) {
    if (!(e instanceof DatasetMissingError)) console.error('Reading a data file failed', e);
    return { ok: false, error: dataErrorMessage(e, ref), ...(e instanceof DatasetMissingError && { missing: true }) };
  }
}
