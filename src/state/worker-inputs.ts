/**
 * What a worker needs from the page besides the config: imported models (registered in the
 * worker from this browser's storage) and data files kept in this page's memory only. Given to
 * the first worker when the page opens, and again to one that takes over from a lost worker.
 */
import { listDatasets, readDataset } from '../data/store';
import { useConfigStore } from './config';
import { modelStore, storageMessage } from './history';
import { studio } from './studio';

/**
 * Imported models the experiment names are re-registered from this browser's storage. One that
 * is not there (a link from another browser) or cannot be loaded gets a link notice now, rather
 * than a failure on Play; the link then does not start playing by itself.
 */
export async function restoreImportedModels(onProblems: (problems: string[]) => void): Promise<boolean> {
  const config = useConfigStore.getState().config;
  const uses = [
    ['teacher', config.teacher.model],
    ['student', config.student],
  ] as const;
  const problems: string[] = [];
  for (const [role, spec] of uses) {
    if (spec.kind !== 'imported') continue;
    const model = `the imported ${role} “${spec.name}” (weights ${spec.hash})`;
    let stored: Awaited<ReturnType<typeof modelStore.get>>;
    try {
      stored = await modelStore.get(spec.hash);
    } catch (e) {
      problems.push(
        `This experiment uses ${model}, but this browser’s storage could not be read (${storageMessage(e)}): ` +
          `import its files with Import model before pressing Play.`,
      );
      continue;
    }
    if (!stored) {
      problems.push(
        `This experiment uses ${model}, which is not stored in this browser (imported models stay where they ` +
          `were imported): import its files with Import model before pressing Play.`,
      );
      continue;
    }
    const result = await studio
      .importModel({ ...stored, role, config, quiet: true })
      .catch((e: unknown) => ({ ok: false as const, error: (e as Error).message }));
    if (!result.ok)
      problems.push(
        `This experiment uses ${model}, stored in this browser, but it could not be loaded: ${result.error}`,
      );
  }
  if (problems.length) onProblems(problems);
  return problems.length === 0;
}

/** Data files this page keeps in memory only (storage failed): the worker cannot read them itself. */
export async function provideMemoryOnlyFiles(): Promise<void> {
  for (const d of await listDatasets()) {
    if (!d.inMemoryOnly) continue;
    const bytes = await readDataset(d.sha256);
    if (bytes) await studio.provideDataset(d, bytes);
  }
}
