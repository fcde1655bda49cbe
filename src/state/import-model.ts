/**
 * Importing a model the user brought, as the Import dialog does it: the worker checks it
 * against the experiment's task, and only a model it accepts becomes the teacher or the
 * student (and is kept in this browser). Every refusal is a message; the config stays as it was.
 */
import type { ImportResult } from '../worker/protocol';
import { useConfigStore } from './config';
import { modelStore } from './history';
import type { PickedModel } from './import-files';
import { studio } from './studio';

export type ImportRole = 'teacher' | 'student';

export type ImportOutcome = Extract<ImportResult, { ok: true }> | { ok: false; error: string };

export async function importPicked(picked: PickedModel, role: ImportRole): Promise<ImportOutcome> {
  const { config, update } = useConfigStore.getState();
  const r = await studio.importModel({ ...picked, role, config });
  if (!r.ok) return r;
  const spec = {
    kind: 'imported' as const,
    hash: r.hash,
    name: r.name,
    featureDim: r.featureDim,
    params: r.params,
  };
  const path = role === 'teacher' ? 'teacher.model' : 'student';
  if (!update(path, spec))
    return {
      ok: false,
      error: `The model is valid, but this experiment cannot use it as the ${role}: ${useConfigStore.getState().errors[path]?.message ?? ''}`,
    };
  await modelStore.put({ ...picked, hash: r.hash, savedAt: Date.now() }).catch(() => undefined);
  return r;
}

/**
 * The whole import as the dialog runs it: `pick` gathers the files (picker, drop or URL; it
 * throws a message when it refuses them itself, e.g. a size over the limit), then `importPicked`.
 */
export async function importFrom(pick: () => Promise<PickedModel>, role: ImportRole): Promise<ImportOutcome> {
  let picked: PickedModel;
  try {
    picked = await pick();
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
  return importPicked(picked, role);
}
