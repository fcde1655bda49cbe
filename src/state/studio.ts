/**
 * Wires the stores to the training worker: every accepted config edit goes to the worker, and
 * every worker event goes to the run store. The UI calls `studio.play()` and friends. When the
 * worker is gone (worker/liveness.ts), recovery.ts starts another in its place.
 */
import { startWorker, WorkerGone, type StudioClient } from '../worker/client';
import * as Comlink from 'comlink';
import type {
  DebugCommand,
  ExperimentConfig,
  ImportRequest,
  ProvidedDataset,
  QueryAnswer,
  QueryArgs,
  QueryName,
  StudentSnapshot,
} from '../worker/protocol';
import { useConfigStore } from './config';
import { recoverWorker } from './recovery';
import { useRunStore } from './run';
import { testHooksWanted } from './test-hooks';
import { changeMarker } from './change-markers';
import { startQuestion, useStartCheck, type StartAction } from './start-check';

let client: StudioClient | null = null;

type Api = StudioClient['api'];

/** A call to the worker; it fails with WorkerGone if the worker goes before it answers. */
function call<R>(fn: (api: Api) => R): Promise<Awaited<R>> {
  if (!client) return Promise.reject(new Error('The studio is not connected'));
  return client.guard(Promise.resolve(fn(client.api)) as Promise<Awaited<R>>);
}

/**
 * Reports a failed worker call in the status line instead of as an unhandled rejection. A call
 * the worker never answered because it is gone is recovery's to report.
 */
function report(p: Promise<unknown>): void {
  p.catch((e: unknown) => {
    if (e instanceof WorkerGone) return;
    useRunStore
      .getState()
      .handle({ type: 'status', status: 'error', reason: { code: 'error', detail: (e as Error).message } });
  });
}

function connectWorker(): void {
  const self: { client?: StudioClient } = {};
  self.client = startWorker(
    (e) => useRunStore.getState().handle(e),
    (cause, detail) =>
      void recoverWorker(cause, detail, {
        // After an error the old worker may still answer (unguarded: recovery waits a moment only).
        salvage: () => self.client!.api.snapshot(),
        replaceWorker: studio.replaceWorker,
        resume: (snap) => call((a) => a.resume(snap)),
      }),
    { testHooks: testHooksWanted() },
  );
  client = self.client;
  report(call((a) => a.configure(useConfigStore.getState().config)));
}

function start(action: StartAction): void {
  report(call((a) => (action === 'play' ? a.play() : a.step())));
}

function startOrAsk(action: StartAction): void {
  const { config } = useConfigStore.getState();
  const question = startQuestion(config, action, useRunStore.getState().session !== undefined);
  if (question) useStartCheck.setState({ question });
  else start(action);
}

export const studio = {
  connect(): () => void {
    connectWorker();
    const unsubscribe = useConfigStore.subscribe((s, prev) => {
      if (s.config === prev.config) return;
      // A backend chosen by hand while Auto's trial runs ends the trial (the edit is a rebuild,
      // which cancels the build) and the run goes on there, as Play had asked.
      const { status, reason } = useRunStore.getState();
      const trialEnded =
        s.config.backend !== prev.config.backend && status === 'preparing' && reason?.code === 'choosing-backend';
      // A question about starting the previous setting no longer applies.
      if (useStartCheck.getState().question) useStartCheck.setState({ question: undefined });
      report(
        call((a) => a.configure(s.config, { fresh: s.freshRuns !== prev.freshRuns })).then((r) => {
          // An edit that applied mid-run is marked on the charts, at the step it applies from.
          const marker = r.change === 'live' && r.step ? changeMarker(prev.config, s.config, r.step) : null;
          if (marker) useRunStore.getState().mark(marker);
        }),
      );
      if (trialEnded) report(call((a) => a.play()));
    });
    return () => {
      unsubscribe();
      client?.terminate();
      client = null;
    };
  },
  /** A new worker with the same experiment, nothing built yet, in place of one that is gone. */
  replaceWorker(): void {
    client?.terminate();
    connectWorker();
  },
  /** Play, unless getting the teacher ready would take over about a minute: then the run bar asks first. */
  play: () => startOrAsk('play'),
  /** The question answered: start what it asked about. */
  startAnyway(): void {
    const q = useStartCheck.getState().question;
    useStartCheck.setState({ question: undefined });
    if (q) start(q.action);
  },
  notNow: () => useStartCheck.setState({ question: undefined }),
  pause: () => report(call((a) => a.pause())),
  cancelPrepare: () => report(call((a) => a.cancelPrepare())),
  chooseBackendAgain: () => report(call((a) => a.chooseBackendAgain())),
  step: () => startOrAsk('step'),
  reset: () => report(call((a) => a.reset())),
  memory: () => call((a) => a.memory()),
  snapshot: () => call((a) => a.snapshot()),
  resume: (snap: StudentSnapshot) => call((a) => a.resume(snap)),
  /** TEST HOOKS ONLY (state/test-hooks.ts): the worker refuses unless a test asked for them. */
  debug: (command: DebugCommand) => call((a) => a.debug(command)),
  /** What a view shows; views ask through useViewQuery (state/view-query.ts), which paces and vets it. */
  query: <N extends QueryName>(name: N, args: QueryArgs<N>) =>
    // Comlink's Remote type drops the method's type parameter; the worker's signature holds.
    call((a) => a.query(name, args) as Promise<QueryAnswer<N> | null>),
  importModel: (request: ImportRequest) => call((a) => a.importModel(request)),
  /** The worker gets its own copy of a data file (the page keeps its bytes for IndexedDB). */
  provideDataset: (meta: ProvidedDataset, bytes: Uint8Array) => {
    const copy = bytes.slice().buffer;
    return call((a) => a.provideDataset(meta, Comlink.transfer(copy, [copy])));
  },
  inspectData: (task: ExperimentConfig['task']) => call((a) => a.inspectData(task)),
  exportStudents: (fileStems?: string[]) => call((a) => a.exportStudents(fileStems)),
  exportProject: (link?: string) => call((a) => a.exportProject(link)),
  projectRefusal: () => call((a) => a.projectRefusal()),
};
