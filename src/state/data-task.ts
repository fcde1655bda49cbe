/**
 * A task on the user's data, as the Data section drives it: the worker reads the file the task
 * names (`inspectData`) and fills in what the file decides (features, classes, vocabulary); the
 * config takes the result only when the read succeeds, so a bad file leaves the experiment in
 * force as it was. The summary (preview rows, notices) is kept per task value for the fields.
 */
import { useEffect } from 'react';
import { create } from 'zustand';
import { datasetOf, describeDataset, type DatasetRef } from '../config/dataset';
import type { ExperimentConfig } from '../config/schema';
import type { DataSummary } from '../worker/protocol';
import { useConfigStore } from './config';
import { datasetAvailable } from './datasets';
import { useLinkStore } from './link';
import { studio } from './studio';

type Task = ExperimentConfig['task'];

interface DataTaskState {
  /** The summary of the last successful read, and the task value it belongs to. */
  summary: { key: string; value: DataSummary } | null;
  /** A read in progress (the file's name), for the busy line. */
  reading: string | null;
  /** Why the file the config names cannot be opened here, if it cannot. */
  missing: DatasetRef | null;
}

export const useDataTaskStore = create<DataTaskState>(() => ({ summary: null, reading: null, missing: null }));

const keyOf = (task: Task): string => JSON.stringify(task);

/**
 * Reads `task`'s file in the worker and, on success, makes the result the config's task
 * (`fresh`: a new experiment). Returns the message for the user on failure, else null.
 */
export async function applyDataTask(task: Task): Promise<string | null> {
  const ref = datasetOf(task);
  useDataTaskStore.setState({ reading: ref?.name ?? 'the file' });
  try {
    const result = await studio.inspectData(task);
    if (!result.ok) return result.error;
    const { config, replace } = useConfigStore.getState();
    const errors = replace({ ...config, task: result.task }, { fresh: true });
    if (errors.length) return errors.map((e) => e.message).join('; ');
    useDataTaskStore.setState({ summary: { key: keyOf(result.task), value: result.summary }, missing: null });
    return null;
  } finally {
    useDataTaskStore.setState({ reading: null });
  }
}

/**
 * Makes sure the summary of the config's current task is known (after a reload or an opened
 * link): checks the file is here, then reads it. A missing file is recorded, not an error.
 */
export async function refreshDataTask(task: Task): Promise<void> {
  const ref = datasetOf(task);
  if (!ref) return;
  if (useDataTaskStore.getState().summary?.key === keyOf(task)) return;
  if (!(await datasetAvailable(ref))) {
    useDataTaskStore.setState({ missing: ref });
    return;
  }
  useDataTaskStore.setState({ missing: null });
  const result = await studio.inspectData(task);
  // A file chosen meanwhile (its read may finish first) has its own summary: keep it.
  if (keyOf(useConfigStore.getState().config.task) !== keyOf(task)) return;
  if (result.ok) useDataTaskStore.setState({ summary: { key: keyOf(task), value: result.summary } });
  else if (result.missing) useDataTaskStore.setState({ missing: ref });
}

/** The summary for `task`, if it was read. */
export const useDataSummary = (task: Task): DataSummary | null =>
  useDataTaskStore((s) => (s.summary?.key === keyOf(task) ? s.summary.value : null));

/** Keeps the summary and the missing-file check in step with the config's task (Data fields call it). */
export function useDataTaskRefresh(task: Task): void {
  const key = keyOf(task);
  useEffect(() => {
    void refreshDataTask(JSON.parse(key) as Task);
  }, [key]);
}

/**
 * On opening: whether the data file the config names is here. If not, the link notices say
 * which file to drop (and a link's "play" waits for it); the Data section shows the same.
 */
export async function dataFileReady(): Promise<boolean> {
  const task = useConfigStore.getState().config.task;
  const ref = datasetOf(task);
  if (!ref || (await datasetAvailable(ref))) return true;
  useDataTaskStore.setState({ missing: ref });
  useLinkStore.setState((s) => ({
    notices: [
      ...s.notices,
      `This experiment uses your file ${describeDataset(ref)}, which is not in this browser (data files stay where they were brought): drop that file in the Data section to continue; its SHA-256 is checked.`,
    ],
  }));
  return false;
}
