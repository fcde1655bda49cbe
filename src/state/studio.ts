/**
 * Wires the stores to the training worker: every accepted config edit goes to the worker, and
 * every worker event goes to the run store. The UI calls `studio.play()` and friends.
 */
import { startWorker, type StudioClient } from '../worker/client';
import * as Comlink from 'comlink';
import type {
  ExperimentConfig,
  ImportRequest,
  ProvidedDataset,
  QueryAnswer,
  QueryArgs,
  QueryName,
} from '../worker/protocol';
import { useConfigStore } from './config';
import { useRunStore } from './run';

let client: StudioClient | null = null;

function api() {
  if (!client) throw new Error('The studio is not connected');
  return client.api;
}

/** Reports a failed worker call in the status line instead of as an unhandled rejection. */
function report(p: Promise<unknown>): void {
  p.catch((e: unknown) =>
    useRunStore
      .getState()
      .handle({ type: 'status', status: 'error', reason: { code: 'error', detail: (e as Error).message } }),
  );
}

export const studio = {
  connect(): () => void {
    client = startWorker((e) => useRunStore.getState().handle(e));
    report(api().configure(useConfigStore.getState().config));
    const unsubscribe = useConfigStore.subscribe((s, prev) => {
      if (s.config !== prev.config) report(api().configure(s.config, { fresh: s.freshRuns !== prev.freshRuns }));
    });
    return () => {
      unsubscribe();
      client?.terminate();
      client = null;
    };
  },
  play: () => report(api().play()),
  pause: () => report(api().pause()),
  cancelPrepare: () => report(api().cancelPrepare()),
  step: () => report(api().step()),
  reset: () => report(api().reset()),
  memory: () => api().memory(),
  /** What a view shows; views ask through useViewQuery (state/view-query.ts), which paces and vets it. */
  query: <N extends QueryName>(name: N, args: QueryArgs<N>) =>
    // Comlink's Remote type drops the method's type parameter; the worker's signature holds.
    api().query(name, args) as Promise<QueryAnswer<N> | null>,
  importModel: (request: ImportRequest) => api().importModel(request),
  /** The worker gets its own copy of a data file (the page keeps its bytes for IndexedDB). */
  provideDataset: (meta: ProvidedDataset, bytes: Uint8Array) => {
    const copy = bytes.slice().buffer;
    return api().provideDataset(meta, Comlink.transfer(copy, [copy]));
  },
  inspectData: (task: ExperimentConfig['task']) => api().inspectData(task),
  exportStudents: (fileStems?: string[]) => api().exportStudents(fileStems),
  exportProject: (link?: string) => api().exportProject(link),
  projectRefusal: () => api().projectRefusal(),
};
